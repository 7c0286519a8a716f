package io.portal.authentication;

import io.portal.binding.ConditionalOnBindings;
import io.portal.account.PortalAccountsAutoConfiguration;
import io.portal.https.PortalHttpsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.core.Ordered;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.portal.account.AdminAccounts;
import io.portal.account.AdminUserDetailsService;
import io.portal.account.ApiTokens;
import io.portal.account.AdminProperties;
import io.portal.account.LoginThrottle;
import io.portal.binding.Listeners;
import io.portal.https.HttpsUrls;
import io.portal.store.StoreUnreachable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Who may do what: the admin API ({@code /api/**}: stateless, HTTP Basic or an API token)
 * and the pages (form sign-in, CSRF protection, a content security policy that allows
 * nothing from other hosts). Every chain redirects to HTTPS and sends HSTS through the starter's
 * {@code HttpsEnforcement}, which Spring Security applies to each {@code HttpSecurity}. Failed sign-ins feed the
 * {@link LoginThrottle}.
 */
// Before Spring Boot's web security, whose default chains back off for these.
@AutoConfiguration(after = { PortalAccountsAutoConfiguration.class, PortalHttpsAutoConfiguration.class },
        before = { ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
                UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "portal.admin.enabled", matchIfMissing = true)
@ConditionalOnBindings
public class PortalAdminSecurityAutoConfiguration {

    /**
     * Order of the admin API's chain: before the pages'.
     */
    static final int API_ORDER = 0;

    /**
     * Order of the pages' chain, for everything else: after every other chain.
     */
    static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE;


    /**
     * The pages load nothing from other hosts, and cannot be framed.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /**
     * What the pages' chain lets everyone have: the public home page, the sign-in page, the
     * problem types, the style sheet, health and info; and certificate chains, which every
     * TLS handshake sends anyway, for scripts that fetch them to trust the portal.
     */
    static final RequestMatcher OPEN_TO_ALL = openToAll();

    private static RequestMatcher openToAll() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> matchers = new ArrayList<>();
        for (String path : List.of("/", "/login", "/portal.css", "/favicon.ico", "/problems", "/problems/*", "/certificates/*.pem")) {
            matchers.add(paths.matcher(HttpMethod.GET, path));
        }
        for (String path : List.of("/error", "/actuator/health", "/actuator/health/**", "/actuator/info")) {
            matchers.add(paths.matcher(path));
        }
        return new OrRequestMatcher(matchers);
    }

    /**
     * With Spring Security's observations switched off
     * ({@code management.observations.enable.spring.security=false}, the portal's default),
     * Spring Security also stops wrapping each filter of every chain in an observation
     * filter: the wrapping alone cost several percent of a page's CPU time with nothing
     * observed.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "management.observations.enable.spring.security", havingValue = false)
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ProblemResponses problemResponses(RequestMappingHandlerAdapter mvc) {
        return new ProblemResponses(mvc.getMessageConverters());
    }

    @Bean
    CleartextCredentialsFilter cleartextCredentialsFilter(AdminProperties properties, Listeners connectors,
            ProblemResponses problems) {
        return new CleartextCredentialsFilter(properties::isRequireHttps, new HttpsUrls(connectors), problems);
    }

    /**
     * Keeps Spring Boot from also registering the filter for every request of the servlet
     * container: it belongs in the security filter chains only.
     */
    @Bean
    FilterRegistrationBean<CleartextCredentialsFilter> cleartextCredentialsFilterRegistration(CleartextCredentialsFilter filter) {
        FilterRegistrationBean<CleartextCredentialsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    @Order(API_ORDER)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiTokens tokens,
            LoginThrottle throttle, ProblemResponses problems, CleartextCredentialsFilter cleartext) throws Exception {
        ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint(problems);
        http.securityMatcher("/api/**")
            .authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("ADMIN"))
            .httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint))
            .exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint))
            .csrf((csrf) -> csrf.disable())
            .requestCache((cache) -> cache.disable())
            .sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            // In this order, before any credentials are checked: refuse them over plain HTTP,
            // hold back an address that failed too often, then check a token.
            .addFilterBefore(cleartext, BasicAuthenticationFilter.class)
            .addFilterBefore(new LoginThrottleFilter(throttle, problems), BasicAuthenticationFilter.class)
            .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, throttle, entryPoint), BasicAuthenticationFilter.class);
        SecurityHeaders.customize(http);
        return http.build();
    }

    /**
     * The pages: the public home page, the sign-in page, the problem types, static files
     * and certificate chains ({@code /certificates/NAME.pem}, never a key) for everyone;
     * everything else (dashboard, wizards, API documentation, actuator endpoints other than
     * health) for signed-in administrators. A path that nothing answers is 404 for everyone.
     */
    @Bean
    @Order(DEFAULT_ORDER)
    SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http, LoginThrottle throttle,
            ProblemResponses problems, CleartextCredentialsFilter cleartext, ApplicationContext context) throws Exception {
        http.authorizeHttpRequests((requests) -> requests
                .requestMatchers(OPEN_TO_ALL).permitAll()
                .anyRequest().hasRole("ADMIN"))
            .csrf((csrf) -> csrf.csrfTokenRepository(new SignInCsrfTokenRepository()))
            .formLogin((form) -> form.loginPage("/login").permitAll().failureHandler(signInFailureHandler()))
            .logout((logout) -> logout.logoutSuccessUrl("/login?logout").permitAll())
            .httpBasic((basic) -> basic.authenticationEntryPoint(basicEntryPoint(problems)))
            .headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
            .addFilterBefore(cleartext, UsernamePasswordAuthenticationFilter.class)
            .addFilterBefore(new LoginThrottleFilter(throttle, problems), UsernamePasswordAuthenticationFilter.class)
            .addFilterBefore(new UnknownPathFilter(context, OPEN_TO_ALL), AuthorizationFilter.class);
        SecurityHeaders.customize(http);
        return http.build();
    }

    /**
     * HTTP Basic on the pages' paths (health with details, for monitoring): Spring
     * Security's answer (401, realm "Realm"), except for credentials that could not be
     * checked because the state store is unreachable: 503, saying so.
     */
    private static AuthenticationEntryPoint basicEntryPoint(ProblemResponses problems) {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Realm");
        ApiAuthenticationEntryPoint unreachable = new ApiAuthenticationEntryPoint(problems);
        return (request, response, ex) -> {
            if (StoreUnreachable.isCause(ex)) {
                unreachable.storeUnreachable(request, response, ex);
            }
            else {
                basic.commence(request, response, ex);
            }
        };
    }

    /**
     * A failed sign-in goes back to the sign-in page, which says why: wrong credentials, or
     * a state store that cannot be reached to check them.
     */
    private static AuthenticationFailureHandler signInFailureHandler() {
        AuthenticationFailureHandler wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");
        AuthenticationFailureHandler unreachable = new SimpleUrlAuthenticationFailureHandler("/login?store-unreachable");
        return (request, response, ex) -> (StoreUnreachable.isCause(ex) ? unreachable : wrong)
            .onAuthenticationFailure(request, response, ex);
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
            if (StoreUnreachable.isCause(event.getException())) {
                // Not the client's fault: the credentials could not be checked at all.
                return;
            }
            address(event.getAuthentication()).ifPresent(this.throttle::failed);
        }

        @EventListener
        void onSuccess(AuthenticationSuccessEvent event) {
            address(event.getAuthentication()).ifPresent(this.throttle::succeeded);
        }

        private static Optional<String> address(Authentication authentication) {
            return (authentication.getDetails() instanceof WebAuthenticationDetails details)
                    ? Optional.ofNullable(details.getRemoteAddress()) : Optional.empty();
        }

    }

}
