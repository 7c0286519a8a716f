package io.portal.security;

import java.io.IOException;
import java.time.Duration;

import io.portal.account.LoginThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests that carry credentials (an Authorization header, or a sign-in form)
 * from a client address that has failed to sign in too often, with 429 and Retry-After,
 * before the credentials are checked.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean signIn = request.getHeader("Authorization") != null
                || ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
        Duration wait = signIn ? this.throttle.retryAfter(request.getRemoteAddr()) : Duration.ZERO;
        if (wait.isZero() || wait.isNegative()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, wait.toSeconds());
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(seconds));
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"https://portal.example/problems/too-many-attempts\",\"title\":\"Too many failed sign-ins\","
                + "\"status\":429,\"detail\":\"Too many failed sign-ins from " + request.getRemoteAddr().replace("\"", "")
                + "; try again in " + seconds + " seconds.\"}");
    }

}
