package io.portal.authentication;

import java.io.IOException;
import java.util.List;

import io.portal.account.ApiToken;
import io.portal.account.ApiTokens;
import io.portal.account.LoginThrottle;
import io.portal.store.StoreUnreachable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} with an API token. A wrong or revoked
 * token is refused at once (and counts as a failed sign-in of the client address); no
 * other credentials are tried. A token that cannot be checked because the state store is
 * unreachable is answered with 503, and does not count as a failure.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;

    private final LoginThrottle throttle;

    private final ApiAuthenticationEntryPoint entryPoint;

    ApiTokenAuthenticationFilter(ApiTokens tokens, LoginThrottle throttle, ApiAuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        ApiToken token;
        try {
            token = this.tokens.authenticate(header.substring(7).trim()).orElse(null);
        }
        catch (RuntimeException ex) {
            if (!StoreUnreachable.isCause(ex)) {
                throw ex;
            }
            this.entryPoint.storeUnreachable(request, response, ex);
            return;
        }
        if (token == null) {
            this.throttle.failed(request.getRemoteAddr());
            this.entryPoint.reject(request, response, "The API token is not valid, or it has been revoked.");
            return;
        }
        this.throttle.succeeded(request.getRemoteAddr());
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                token.username() + " (token '" + token.name() + "')", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

}
