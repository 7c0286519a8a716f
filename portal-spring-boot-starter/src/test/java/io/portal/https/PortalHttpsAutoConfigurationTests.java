package io.portal.https;

import java.nio.file.Path;
import java.util.List;

import jakarta.servlet.Filter;

import io.portal.testing.StarterContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forcing HTTPS and HSTS composes with the application's web security: it adds a redirect
 * and a header to every chain and never a chain, a rule or a login of its own.
 */
class PortalHttpsAutoConfigurationTests {

    private static final AutoConfigurations SECURITY = AutoConfigurations.of(SecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class);

    @TempDir
    Path dir;

    @Test
    void withoutSpringSecurityOneServletFilterRedirectsAndSendsHsts() {
        StarterContexts.web(this.dir)
            .withClassLoader(new FilteredClassLoader(HttpSecurity.class))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(HttpsEnforcement.class);
                assertThat(context).doesNotHaveBean(SecurityFilterChain.class);
                FilterRegistrationBean<?> registration = context.getBean("httpsEnforcementFilter", FilterRegistrationBean.class);
                assertThat(registration.getFilter()).isInstanceOf(HttpsEnforcementFilter.class);
                assertThat(registration.getUrlPatterns()).isEmpty();
            });
    }

    @Test
    void springBootsDefaultChainRedirectsAndSendsHstsAndStaysTheOnlyChain() {
        StarterContexts.web(this.dir).withConfiguration(SECURITY).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(HttpsEnforcement.class);
            assertThat(context).doesNotHaveBean("httpsEnforcementFilter");
            assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("defaultSecurityFilterChain");
            SecurityFilterChain chain = context.getBean(SecurityFilterChain.class);
            assertThat(filterTypes(chain.getFilters())).contains(ForceHttpsFilter.class, BasicAuthenticationFilter.class);
        });
    }

    @Test
    void theApplicationsOwnChainsRedirectAndSendHstsWithTheirRulesUnchanged() {
        StarterContexts.web(this.dir).withConfiguration(SECURITY).withUserConfiguration(OpenApplication.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("openChain");
                List<Class<?>> filters = filterTypes(context.getBean(SecurityFilterChain.class).getFilters());
                assertThat(filters).contains(ForceHttpsFilter.class);
                // The application asked for no login, and got none.
                assertThat(filters).doesNotContain(BasicAuthenticationFilter.class);
            });
    }

    private static List<Class<?>> filterTypes(List<Filter> filters) {
        return filters.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class OpenApplication {

        @Bean
        SecurityFilterChain openChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
        }

    }

}
