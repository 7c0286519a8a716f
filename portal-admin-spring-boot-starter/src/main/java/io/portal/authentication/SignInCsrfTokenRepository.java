package io.portal.authentication;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Keeps the CSRF token of the pages in the session when there is one, and otherwise in a
 * cookie: the sign-in form of a visitor without a session (the only form such a visitor
 * gets) no longer creates a session, so that a sign-in page costs no memory held for half
 * an hour, however often it is fetched. Signing in starts a session, and the token
 * issued after it lives there, as every signed-in page's does.
 * <p>
 * The cookie is HttpOnly, SameSite=Strict, and Secure over HTTPS: another site can
 * neither read it nor have it sent, so the form's copy of the token still proves that
 * the form came from the portal.
 */
final class SignInCsrfTokenRepository implements CsrfTokenRepository {

    /**
     * Name of the cookie that holds the token of a visitor without a session.
     */
    static final String COOKIE_NAME = "PORTAL-CSRF";

    private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();

    private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

    SignInCsrfTokenRepository() {
        // The same header as the session's tokens, so that a token reads the same from either.
        this.cookie.setHeaderName("X-CSRF-TOKEN");
        this.cookie.setCookieName(COOKIE_NAME);
        this.cookie.setCookieCustomizer((cookie) -> cookie.sameSite("Strict").httpOnly(true));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return this.session.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        HttpSession existing = request.getSession(false);
        if (token == null) {
            this.session.saveToken(null, request, response);
            if (this.cookie.loadToken(request) != null) {
                this.cookie.saveToken(null, request, response);
            }
        }
        else if (existing != null) {
            this.session.saveToken(token, request, response);
        }
        else {
            this.cookie.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        CsrfToken token = (request.getSession(false) != null) ? this.session.loadToken(request) : null;
        return (token != null) ? token : this.cookie.loadToken(request);
    }

}
