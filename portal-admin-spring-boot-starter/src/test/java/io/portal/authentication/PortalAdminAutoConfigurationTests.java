package io.portal.authentication;

import java.nio.file.Path;
import java.util.UUID;

import io.portal.account.AdminAccounts;
import io.portal.account.AdminUserDetailsService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin part is opt-in: on by adding its dependency, off again with
 * {@code portal.admin.enabled=false}, when the application keeps its own web security.
 * Every auto-configuration on the class path is applied, as in an application.
 */
class PortalAdminAutoConfigurationTests {

    @TempDir
    Path dir;

    private WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner().withUserConfiguration(AnApplication.class)
            .withPropertyValues("portal.data-dir=" + this.dir,
                    "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "portal.admin.password=an-admin-password-1", "portal.bindings.web.scheme=http",
                    "portal.bindings.web.port=0");
    }

    @Test
    void theAdminPartsChainsTakeThePlaceOfSpringBootsDefaultOne() {
        runner().run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("apiSecurityFilterChain",
                    "defaultSecurityFilterChain");
            assertThat(context).hasSingleBean(AdminAccounts.class).hasSingleBean(AdminUserDetailsService.class);
        });
    }

    @Test
    void switchedOffTheApplicationKeepsSpringBootsSecurityAndNoAdministratorIsCreated() {
        runner().withPropertyValues("portal.admin.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(AdminAccounts.class).doesNotHaveBean(AdminUserDetailsService.class);
            assertThat(context).doesNotHaveBean("apiSecurityFilterChain");
            // Spring Boot's own chain (with the actuator on the class path, its management one), which
            // the portal's HTTPS enforcement joins.
            assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("managementSecurityFilterChain");
            assertThat(context.getBean(SecurityFilterChain.class).getFilters())
                .anyMatch((filter) -> filter.getClass().getSimpleName().equals("ForceHttpsFilter"));
        });
    }

    @Test
    void springSecurityStopsDecoratingItsFiltersOnlyWhileItsObservationsAreSwitchedOff() {
        runner().withPropertyValues("management.observations.enable.spring.security=false").run((context) -> {
            assertThat(context).hasNotFailed();
            SecurityObservationSettings settings = context.getBean(SecurityObservationSettings.class);
            assertThat(settings.shouldObserveRequests()).isFalse();
            assertThat(settings.shouldObserveAuthentications()).isFalse();
            assertThat(settings.shouldObserveAuthorizations()).isFalse();
        });
        runner().withPropertyValues("management.observations.enable.spring.security=true")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SecurityObservationSettings.class));
        runner().run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SecurityObservationSettings.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AnApplication {

    }

}
