package io.portal.authentication;

import java.io.IOException;

import io.portal.store.StoreUnreachable;
import io.portal.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers unauthenticated API requests with 401, and forbidden ones with 403, as problem
 * details that say how to authenticate; credentials that could not be checked because the
 * state store is unreachable with 503.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Log logger = LogFactory.getLog(ApiAuthenticationEntryPoint.class);

    private final ProblemResponses problems;

    ApiAuthenticationEntryPoint(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) throws IOException {
        if (StoreUnreachable.isCause(ex)) {
            storeUnreachable(request, response, ex);
            return;
        }
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

    /**
     * The credentials could not be checked, as the state store (where passwords and tokens
     * are) cannot be reached: 503, nothing was done.
     * @param request the request
     * @param response the response
     * @param ex the failure
     * @throws IOException if the answer cannot be written
     */
    void storeUnreachable(HttpServletRequest request, HttpServletResponse response, Exception ex) throws IOException {
        logger.warn("Cannot check the credentials of " + request.getMethod() + " " + request.getRequestURI()
                + ": state store unreachable: " + StoreUnreachable.describe(ex));
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.RETRY_AFTER, "5");
        this.problems.problem(request, response, HttpStatus.SERVICE_UNAVAILABLE, ProblemType.STATE_STORE_UNREACHABLE,
                "The portal cannot check the credentials, as it cannot reach its state store (the database); nothing was "
                        + "changed.", StoreUnreachable.ACTION, headers)
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
