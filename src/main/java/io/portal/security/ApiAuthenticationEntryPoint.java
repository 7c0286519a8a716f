package io.portal.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers unauthenticated API requests with 401 and a problem detail that says how to
 * authenticate.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) throws IOException {
        reject(response, "Authentication is required: send HTTP Basic credentials of an administrator, or an API token as "
                + "'Authorization: Bearer <token>'.");
    }

    void reject(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"Portal\", Bearer realm=\"Portal\"");
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"https://portal.example/problems/unauthorized\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }

}
