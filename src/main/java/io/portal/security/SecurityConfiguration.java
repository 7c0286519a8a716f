package io.portal.security;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateTrust;
import io.portal.server.BindingConnectors;
import io.portal.system.PortalProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import io.portal.account.AdminAccounts;
import io.portal.binding.Binding;
import io.portal.binding.BindingWarnings;
import io.portal.account.AdminUserDetailsService;
import io.portal.account.ApiTokens;
import io.portal.account.LoginThrottle;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security filter chains of the web server, and what keeps the HTTPS settings current
 * in it.
 * <p>
 * Three chains: ACME HTTP-01 challenges, open to all and never redirected; the admin API
 * ({@code /api/**}, stateless, HTTP Basic or API token); and the pages (form sign-in,
 * CSRF protection). Every chain sends HSTS, and all but the first redirect to HTTPS when
 * that is forced, through {@link HttpsEnforcement}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableScheduling
class SecurityConfiguration {

    /**
     * Order of the chain for ACME challenges: before every other chain.
     */
    static final int ACME_CHALLENGE_ORDER = Ordered.HIGHEST_PRECEDENCE;

    /**
     * Order of the chain for everything else: after every other chain.
     */
    static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE;

    /**
     * Order of the admin API's chain: between the two.
     */
    static final int API_ORDER = 0;

    /**
     * The pages load nothing from other hosts, and cannot be framed.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    LiveHttpsSettings liveHttpsSettings(HttpsProperties properties, HttpsSettingsStore store, CurrentBindings bindings) {
        return new LiveHttpsSettings(HttpsSettings.of(properties), store, bindings);
    }

    @Bean
    HstsRamp hstsRamp(HstsStateStore store, Clock clock) {
        return new HstsRamp(store, clock);
    }

    @Bean
    ServedCertificates servedCertificates(BindingConnectors connectors, CertificateCatalog catalog, HttpsProperties properties,
            Clock clock) {
        return new ServedCertificates(connectors, catalog, CertificateTrust.jvmDefaultAnd(trustedCas(properties)), clock);
    }

    @Bean
    HttpsWarnings httpsWarnings(LiveHttpsSettings settings, BindingConnectors connectors, ServedCertificates certificates,
            HstsRamp ramp, Clock clock) {
        return new HttpsWarnings(settings, connectors, certificates, ramp, clock);
    }

    /**
     * The warnings of previews of binding changes: those about HTTPS for the resulting
     * bindings, and self-signed or expired certificates they would serve.
     */
    @Bean
    BindingWarnings bindingWarnings(HttpsWarnings warnings, CertificateCatalog catalog, Clock clock) {
        return (bindings) -> {
            List<String> messages = new ArrayList<>();
            warnings.forBindings(bindings).forEach((w) -> messages.add(w.message() + " Fix: " + w.fix()));
            for (Binding binding : bindings) {
                for (String bundle : binding.bundles()) {
                    catalog.find(bundle).ifPresent((summary) -> {
                        if (summary.selfSigned()) {
                            messages.add("Binding '" + binding.name() + "' serves the self-signed certificate '" + bundle
                                    + "': browsers will warn until it is trusted or replaced.");
                        }
                        if (!summary.isCurrentlyValid(clock) && !summary.warnings().isEmpty()) {
                            messages.add("Binding '" + binding.name() + "' serves certificate '" + bundle + "', which "
                                    + summary.warnings().get(0) + ".");
                        }
                    });
                }
            }
            return messages;
        };
    }

    @Bean
    HttpsSettingsService httpsSettingsService(HttpsConfigurator configurator, HttpsWarnings warnings,
            ServedCertificates certificates, HstsRamp ramp, BindingConnectors connectors, Clock clock) {
        return new HttpsSettingsService(configurator, warnings, certificates, ramp, connectors, clock);
    }

    @Bean
    HttpsEnforcement httpsEnforcement(LiveHttpsSettings settings, BindingConnectors connectors, HstsRamp ramp) {
        return new HttpsEnforcement(settings, connectors, ramp);
    }

    @Bean
    HttpsMaintenance httpsMaintenance(LiveHttpsSettings settings, HstsRamp ramp, ServedCertificates certificates,
            HttpsWarnings warnings, HttpsConfigurator configurator, PortalProperties portal, HttpsProperties properties,
            TaskScheduler taskScheduler) {
        return new HttpsMaintenance(settings, ramp, certificates, warnings, new ConfigureRelay(portal.getDataDir()),
                configurator, taskScheduler, properties.getSettingsRefresh());
    }

    @Bean
    @Order(ACME_CHALLENGE_ORDER)
    SecurityFilterChain acmeChallengeSecurityFilterChain(HttpSecurity http, HttpsEnforcement enforcement) throws Exception {
        http.securityMatcher(HttpsEnforcement.ACME_CHALLENGE)
            .authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
            .csrf((csrf) -> csrf.disable())
            .requestCache((cache) -> cache.disable())
            .sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        enforcement.hstsOnly().customize(http);
        return http.build();
    }

    @Bean
    @Order(API_ORDER)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, HttpsEnforcement enforcement, ApiTokens tokens,
            LoginThrottle throttle) throws Exception {
        ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint();
        http.securityMatcher("/api/**")
            .authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("ADMIN"))
            .httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint))
            .exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
            .csrf((csrf) -> csrf.disable())
            .requestCache((cache) -> cache.disable())
            .sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
            .addFilterAfter(new ApiTokenAuthenticationFilter(tokens, throttle, entryPoint), LoginThrottleFilter.class);
        enforcement.customize(http);
        return http.build();
    }

    /**
     * The pages: the public home page, the sign-in page and static files for everyone;
     * everything else (dashboard, wizards, API documentation, actuator endpoints other
     * than health) for signed-in administrators.
     */
    @Bean
    @Order(DEFAULT_ORDER)
    SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http, HttpsEnforcement enforcement, LoginThrottle throttle)
            throws Exception {
        http.authorizeHttpRequests((requests) -> requests
                .requestMatchers(HttpMethod.GET, "/", "/login", "/portal.css", "/favicon.ico", "/error").permitAll()
                .requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .anyRequest().hasRole("ADMIN"))
            .formLogin((form) -> form.loginPage("/login").permitAll())
            .logout((logout) -> logout.logoutSuccessUrl("/login?logout").permitAll())
            .httpBasic(Customizer.withDefaults())
            .headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
            .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
        enforcement.customize(http);
        return http.build();
    }

    @Bean
    AdminUserDetailsService adminUserDetailsService(AdminAccounts accounts) {
        return new AdminUserDetailsService(accounts);
    }

    @Bean
    SignInFailures signInFailures(LoginThrottle throttle) {
        return new SignInFailures(throttle);
    }

    /**
     * Feeds the sign-in throttle from Spring Security's authentication events, for the
     * form, HTTP Basic and any other username/password sign-in.
     */
    static class SignInFailures {

        private final LoginThrottle throttle;

        SignInFailures(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @EventListener
        void onFailure(AbstractAuthenticationFailureEvent event) {
            address(event.getAuthentication()).ifPresent(this.throttle::failed);
        }

        @EventListener
        void onSuccess(AuthenticationSuccessEvent event) {
            address(event.getAuthentication()).ifPresent(this.throttle::succeeded);
        }

        private static java.util.Optional<String> address(Authentication authentication) {
            return (authentication.getDetails() instanceof WebAuthenticationDetails details)
                    ? java.util.Optional.ofNullable(details.getRemoteAddress()) : java.util.Optional.empty();
        }

    }

    private static List<X509Certificate> trustedCas(HttpsProperties properties) {
        List<X509Certificate> cas = new ArrayList<>();
        for (Resource resource : properties.getHsts().getTrustedCaCertificates()) {
            try (InputStream in = resource.getInputStream()) {
                CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach((certificate) -> cas.add((X509Certificate) certificate));
            }
            catch (IOException | CertificateException ex) {
                throw new InvalidHttpsSettingsException("portal.hsts.trusted-ca-certificates", "names "
                        + resource.getDescription() + ", which cannot be read as CA certificates (" + ex.getMessage() + ")",
                        "Give PEM files of CA certificates, such as file:/etc/portal/company-ca.pem.");
            }
        }
        return cas;
    }

}
