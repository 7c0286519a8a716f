package io.portal.authentication;

import io.portal.https.HttpsUrls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.portal.system.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses credentials (HTTP Basic, an API token, the sign-in form) that arrive over plain
 * HTTP from another machine, where anyone on the way can read them, and says where the
 * HTTPS address is. Loopback clients (scripts on the portal's own machine) may keep using
 * HTTP. A request that a trusted proxy marks with {@code X-Forwarded-Proto: https} counts
 * as HTTPS (Tomcat's remote IP valve, with {@code server.forward-headers-strategy=native}).
 * Switched off with {@code portal.admin.require-https=false}.
 * <p>
 * The API gets a 403 problem detail with the HTTPS URL; the sign-in page, opened over
 * HTTP, is sent to its HTTPS address before a password is typed, and a sign-in form that
 * was posted anyway is sent there too, with a notice.
 */
class CleartextCredentialsFilter extends OncePerRequestFilter {

    private final BooleanSupplier requireHttps;

    private final HttpsUrls urls;

    private final ProblemResponses problems;

    CleartextCredentialsFilter(BooleanSupplier requireHttps, HttpsUrls urls, ProblemResponses problems) {
        this.requireHttps = requireHttps;
        this.urls = urls;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean signInPage = HttpMethod.GET.matches(request.getMethod()) && SignInRequests.LOGIN.equals(request.getServletPath());
        if (request.isSecure() || !this.requireHttps.getAsBoolean() || !(signInPage || SignInRequests.carriesCredentials(request))
                || isLoopback(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> https = this.urls.of(request);
        if (signInPage) {
            if (https.isPresent()) {
                response.sendRedirect(https.get());
            }
            else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (SignInRequests.isFormSignIn(request)) {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.LOCATION, https.map((url) -> withQuery(url, "insecure"))
                .orElse(request.getContextPath() + SignInRequests.LOGIN + "?https-unavailable"));
            return;
        }
        String detail = "Credentials are refused over plain HTTP from " + request.getRemoteAddr()
                + ": anyone on the network path can read them. "
                + https.map((url) -> "Send them over HTTPS: " + url)
                    .orElse("This portal has no running HTTPS binding to send them to.");
        String action = https.isPresent() ? ProblemType.HTTPS_REQUIRED.fix()
                : "Add an HTTPS binding and send credentials there; or call the API on the portal's own machine "
                        + "(loopback); or, on a network you trust, set portal.admin.require-https=false.";
        ProblemResponses.Problem problem = this.problems.problem(request, response, HttpStatus.FORBIDDEN, ProblemType.HTTPS_REQUIRED,
                detail, action, new HttpHeaders());
        https.ifPresent((url) -> problem.with("httpsUrl", url));
        problem.send();
    }

    private static String withQuery(String url, String parameter) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return path + "?" + parameter;
    }

    static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

}
