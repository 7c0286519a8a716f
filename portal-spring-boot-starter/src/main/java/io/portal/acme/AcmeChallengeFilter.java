package io.portal.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.portal.store.StoreUnreachable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the CA's HTTP-01 challenges at {@code /.well-known/acme-challenge/{token}} on
 * every binding, from the state store, so that any node behind a load balancer answers a
 * challenge that another node (or the shell) presented. While the store is out of reach,
 * the node answers the challenges it presented or answered itself (held in memory by the
 * store), and 503 for any other.
 * <p>
 * A servlet filter ahead of every other one, the HTTPS redirect and Spring Security
 * included: the CA reaches it over plain HTTP and without credentials whatever the
 * application's own security says. It answers only the tokens of challenges the portal
 * presented (and 503 while the store that would hold them is out of reach); any other
 * request goes on to the application as usual.
 */
final class AcmeChallengeFilter extends OncePerRequestFilter {

    static final String PREFIX = "/.well-known/acme-challenge/";

    private static final Log logger = LogFactory.getLog(AcmeChallengeFilter.class);

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private final AcmeStore store;

    private final ChallengeFetches fetches;

    AcmeChallengeFilter(AcmeStore store) {
        this(store, new ChallengeFetches());
    }

    AcmeChallengeFilter(AcmeStore store, ChallengeFetches fetches) {
        this.store = store;
        this.fetches = fetches;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !(HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)) || token(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = token(request);
        if (!TOKEN.matcher(token).matches()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<PendingChallenge> found;
        try {
            found = this.store.findChallenge(token);
        }
        catch (RuntimeException ex) {
            if (!StoreUnreachable.isCause(ex)) {
                throw ex;
            }
            logger.warn("Cannot answer the HTTP-01 challenge " + token + " to " + request.getRemoteAddr()
                    + ": the state store is out of reach, and this node does not hold the challenge ("
                    + StoreUnreachable.describe(ex) + ")");
            write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "The portal cannot reach its state store, where this challenge would be.");
            return;
        }
        if (found.isEmpty()) {
            // Not a challenge of this portal: the application answers it as any other path.
            chain.doFilter(request, response);
            return;
        }
        PendingChallenge challenge = found.get();
        logger.info("ACME certificate '" + challenge.certificate() + "': answered the HTTP-01 challenge for "
                + challenge.domain() + " to " + request.getRemoteAddr());
        write(response, HttpServletResponse.SC_OK, challenge.keyAuthorization());
        this.fetches.fetched(token);
    }

    private static String token(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        return (path.startsWith(PREFIX) && path.length() > PREFIX.length()) ? path.substring(PREFIX.length()) : null;
    }

    private static void write(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

}
