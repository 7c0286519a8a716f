package io.portal.authentication;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * Which requests carry credentials: an {@code Authorization} header (a password with
 * HTTP Basic, or an API token) or the sign-in form.
 */
final class SignInRequests {

    /**
     * The path the sign-in form is posted to.
     */
    static final String LOGIN = "/login";

    private SignInRequests() {
    }

    static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null || isFormSignIn(request);
    }

    static boolean isFormSignIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && LOGIN.equals(request.getServletPath());
    }

    static boolean carriesPassword(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return isFormSignIn(request) || authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

}
