package io.portal.https;

import java.util.function.Supplier;

import io.portal.binding.Listeners;

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
 * Security's, which would send its own fixed header on every HTTPS response).
 * <p>
 * It is a {@code Customizer<HttpSecurity>} bean: Spring Security applies such beans to
 * every {@code HttpSecurity} it hands out, so the application's own filter chains, Spring
 * Boot's default chain and the portal's admin chains all redirect and send HSTS without
 * naming it. It adds a redirect and a header; it changes no rule about who may reach what.
 * ACME HTTP-01 challenges are never redirected.
 */
public final class HttpsEnforcement implements Customizer<HttpSecurity> {

    private final Supplier<HttpsSettings> settings;

    private final Listeners connectors;

    private final HstsHeaderWriter hsts;

    HttpsEnforcement(Supplier<HttpsSettings> settings, Listeners connectors, HstsRamp ramp) {
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
        http.headers((headers) -> headers
            .httpStrictTransportSecurity(HeadersConfigurer.HstsConfig::disable)
            .addHeaderWriter(this.hsts));
    }

}
