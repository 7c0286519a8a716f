package io.portal.security;

import java.io.IOException;

import io.portal.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers unauthenticated API requests with 401, and forbidden ones with 403, as problem
 * details that say how to authenticate.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemResponses problems;

    ApiAuthenticationEntryPoint(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) throws IOException {
        String detail = (request.getHeader(HttpHeaders.AUTHORIZATION) != null)
                ? "The credentials are wrong: the user name or password does not match an administrator."
                : "Authentication is required: send HTTP Basic credentials of an administrator, or an API token as "
                        + "'Authorization: Bearer <token>'.";
        reject(request, response, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex) throws IOException {
        this.problems.problem(request, response, HttpStatus.FORBIDDEN, null,
                "This request needs an administrator, and the credentials sent are not one's.",
                "Sign in as an administrator, or use an API token created by one.", new HttpHeaders())
            .send();
    }

    void reject(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Portal\"");
        headers.add(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Portal\"");
        this.problems.problem(request, response, HttpStatus.UNAUTHORIZED, ProblemType.AUTHENTICATION_REQUIRED, detail,
                ProblemType.AUTHENTICATION_REQUIRED.fix(), headers)
            .send();
    }

}
