package io.portal.https;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.portal.binding.Listeners;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Forcing HTTPS and HSTS for an application without Spring Security: the same redirect as
 * {@link ForceHttpsFilter} and the same header as {@link HstsHeaderWriter}, as one servlet
 * filter in front of the application. It redirects and adds a header; it lets through or
 * refuses nothing else.
 */
final class HttpsEnforcementFilter extends OncePerRequestFilter {

    private final ForceHttpsFilter redirect;

    private final Supplier<HttpsSettings> settings;

    private final HstsRamp ramp;

    HttpsEnforcementFilter(Supplier<HttpsSettings> settings, Listeners listeners, HstsRamp ramp) {
        this.redirect = new ForceHttpsFilter(settings, listeners);
        this.settings = settings;
        this.ramp = ramp;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HstsHeader.write(request, response, this.settings.get(), this.ramp);
        this.redirect.doFilter(request, response, chain);
    }

}
