package io.portal.security;

import java.util.function.Supplier;

import io.portal.server.BindingConnectors;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.transport.HttpsRedirectFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Forcing HTTPS and HSTS for a security filter chain: the redirect from HTTP bindings
 * ({@link ForceHttpsFilter}, where Spring Security's own redirect would sit) and the
 * Strict-Transport-Security header ({@link HstsHeaderWriter} in place of Spring
 * Security's). Every chain applies it with {@code enforcement.customize(http)}, so that
 * chains added later (the admin API, the pages behind a login) redirect and send HSTS
 * alike; the chain for ACME challenges applies only {@link #hstsOnly()}.
 */
public final class HttpsEnforcement implements Customizer<HttpSecurity> {

    /**
     * Requests of ACME HTTP-01 validation, which must reach the portal over plain HTTP
     * even when HTTPS is forced, without authentication.
     */
    public static final RequestMatcher ACME_CHALLENGE = PathPatternRequestMatcher.withDefaults()
        .matcher("/.well-known/acme-challenge/**");

    private final Supplier<HttpsSettings> settings;

    private final BindingConnectors connectors;

    private final HstsHeaderWriter hsts;

    HttpsEnforcement(Supplier<HttpsSettings> settings, BindingConnectors connectors, HstsRamp ramp) {
        this.settings = settings;
        this.connectors = connectors;
        this.hsts = new HstsHeaderWriter(settings, ramp);
    }

    /**
     * Redirect HTTP to HTTPS and send HSTS on this chain.
     * @param http the chain's builder
     */
    @Override
    public void customize(HttpSecurity http) {
        http.addFilterAt(new ForceHttpsFilter(this.settings, this.connectors), HttpsRedirectFilter.class);
        hstsOnly().customize(http);
    }

    /**
     * Send HSTS on this chain, without redirecting.
     * @return the customizer
     */
    public Customizer<HttpSecurity> hstsOnly() {
        return (http) -> http.headers((headers) -> headers
            .httpStrictTransportSecurity(HeadersConfigurer.HstsConfig::disable)
            .addHeaderWriter(this.hsts));
    }

}
