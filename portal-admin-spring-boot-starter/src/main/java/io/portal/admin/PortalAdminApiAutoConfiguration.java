package io.portal.admin;

import io.portal.binding.ConditionalOnBindings;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.portal.script.PortalScriptsAutoConfiguration;
import io.portal.cluster.PortalClusterAutoConfiguration;
import io.portal.account.PortalAccountsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Import;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;

/**
 * The admin API: its controllers, the error controller that answers {@code /api/**}
 * errors as problem details (Spring Boot's own one steps back for it), the cap on request
 * bodies, and the API's OpenAPI description, served at {@code /v3/api-docs} and browsable
 * at {@code /swagger-ui/index.html} (springdoc; the page's assets are served by the portal
 * itself).
 */
// Before Spring Boot's error handling, whose error controller backs off for the portal's.
@AutoConfiguration(after = { PortalScriptsAutoConfiguration.class, PortalClusterAutoConfiguration.class,
        PortalAccountsAutoConfiguration.class }, before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "portal.admin.enabled", matchIfMissing = true)
@ConditionalOnBindings
@Import({ BindingsApiController.class, CertificatesApiController.class, AcmeCertificatesApiController.class,
        SettingsApiController.class, TokensApiController.class, AuditApiController.class, NodesApiController.class,
        ApiETags.class, ApiExceptionHandler.class })
public class PortalAdminApiAutoConfiguration {

    @Bean
    ApiErrorController apiErrorController(ErrorAttributes errorAttributes, WebProperties webProperties,
            ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        return new ApiErrorController(errorAttributes, webProperties.getError(), errorViewResolvers.orderedStream().toList());
    }

    /**
     * After the security filters, so that no body is read for a request they refuse.
     */
    @Bean
    FilterRegistrationBean<ApiBodyLimit> apiBodyLimit() {
        FilterRegistrationBean<ApiBodyLimit> registration = new FilterRegistrationBean<>(new ApiBodyLimit());
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }



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
