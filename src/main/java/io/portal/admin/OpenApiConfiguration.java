package io.portal.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the admin API, served at {@code /v3/api-docs} and browsable at
 * {@code /swagger-ui/index.html} (springdoc; the page's assets are served by the portal
 * itself).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    static OpenApiOffTheStartPath openApiOffTheStartPath() {
        return new OpenApiOffTheStartPath();
    }

    @Bean
    OpenAPI portalOpenApi() {
        return new OpenAPI()
            .info(new Info().title("Portal admin API")
                .description("Bindings, certificates, HTTPS settings, API tokens and the audit log. Every mutating call "
                        + "accepts ?dryRun=true and then returns the plan without applying it.")
                .version("v1"))
            .components(new Components()
                .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
            .addSecurityItem(new SecurityRequirement().addList("basic"))
            .addSecurityItem(new SecurityRequirement().addList("token"));
    }

}
