package io.portal.https;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;

import io.portal.binding.Binding;
import io.portal.binding.Listeners;
import io.portal.binding.Listeners.ListenerState;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Redirects a request that arrived on an HTTP binding to the same host, path and query on
 * the HTTPS binding it maps to ({@link RedirectTargets}), with the configured status (308
 * by default), while {@code portal.redirect-http-to-https} is on. Requests already on
 * HTTPS (including those a TLS-terminating proxy marked as such) and ACME HTTP-01
 * challenges pass through.
 * <p>
 * Takes the place of Spring Security's {@code HttpsRedirectFilter}, which always answers
 * 302 and maps ports without knowing on which binding a request arrived. Reads the
 * settings and the bindings at each request, so changes apply at once.
 */
final class ForceHttpsFilter extends OncePerRequestFilter {

    static final String ACME_CHALLENGE_PATH = "/.well-known/acme-challenge/";

    private final Supplier<HttpsSettings> settings;

    private final Listeners connectors;

    ForceHttpsFilter(Supplier<HttpsSettings> settings, Listeners connectors) {
        this.settings = settings;
        this.connectors = connectors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpsSettings current = this.settings.get();
        String location = (current.redirectHttpToHttps() && !request.isSecure()
                && !isAcmeChallenge(request)) ? location(request, this.connectors) : null;
        if (location == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(current.redirectStatus());
        response.setHeader(HttpHeaders.LOCATION, location);
    }

    /**
     * Whether a request is an ACME HTTP-01 validation, which must reach the application over
     * plain HTTP even when HTTPS is forced.
     * @param request the request
     * @return whether its path is under {@code /.well-known/acme-challenge/}
     */
    static boolean isAcmeChallenge(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        return path.startsWith(ACME_CHALLENGE_PATH);
    }

    /**
     * Where a request that arrived on an HTTP binding is redirected.
     * @param request the request
     * @param connectors the bindings' connectors
     * @return the HTTPS URL, or {@code null} when the binding has no HTTPS binding to go to
     */
    static String location(HttpServletRequest request, Listeners connectors) {
        List<ListenerState> live = connectors.states();
        ListenerState arrival = arrival(live, request.getLocalPort(), request.getLocalAddr());
        if (arrival == null) {
            return null;
        }
        Binding target = RedirectTargets.of(arrival.binding(), live.stream().map(ListenerState::binding).toList()).binding();
        if (target == null) {
            return null;
        }
        int targetPort = live.stream()
            .filter((l) -> l.binding().name().equals(target.name()))
            .findFirst()
            .map(ListenerState::localPort)
            .orElse(target.port());
        return location(request.getServerName(), request.getServerPort(), arrival.localPort(), targetPort,
                request.getRequestURI(), request.getQueryString());
    }

    private static ListenerState arrival(List<ListenerState> live, int localPort, String localAddress) {
        List<ListenerState> candidates = live.stream()
            .filter((l) -> !l.binding().isHttps() && l.localPort() == localPort)
            .toList();
        if (candidates.size() <= 1) {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
        return candidates.stream()
            .filter((l) -> !l.binding().isWildcard() && sameAddress(l.binding().address(), localAddress))
            .findFirst()
            .orElse(candidates.stream().filter((l) -> l.binding().isWildcard()).findFirst().orElse(null));
    }

    /**
     * The HTTPS URL for a request.
     * <p>
     * The port is the target binding's, left out when it is 443. One exception: when the
     * request names port 80 (or none) but arrived on another port, it came through a port
     * forward (such as {@code docker run -p 80:8080 -p 443:8443}), so the standard HTTPS
     * port is the one clients can reach.
     * @param host the host the client asked for
     * @param requestPort the port the client asked for (80 when its Host header has none)
     * @param arrivalPort the port the request arrived on
     * @param targetPort the port of the HTTPS binding
     * @param uri the path as received, not decoded
     * @param query the query as received, or {@code null}
     * @return the URL
     */
    static String location(String host, int requestPort, int arrivalPort, int targetPort, String uri, String query) {
        int port = (requestPort != arrivalPort && requestPort == 80) ? 443 : targetPort;
        String hostPart = (host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host;
        return "https://" + hostPart + ((port == 443) ? "" : ":" + port) + uri + ((query != null) ? "?" + query : "");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        }
        catch (UnknownHostException ex) {
            return a.equalsIgnoreCase(b);
        }
    }

}
