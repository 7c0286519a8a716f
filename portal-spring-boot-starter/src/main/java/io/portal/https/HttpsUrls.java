package io.portal.https;

import java.util.Optional;

import io.portal.binding.Listeners;
import io.portal.binding.Listeners.ListenerState;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The HTTPS address of a request that came over plain HTTP: where forcing HTTPS would
 * send it ({@link ForceHttpsFilter}), or else the same host on the first running HTTPS
 * binding. Reads the bindings at each call.
 */
public final class HttpsUrls {

    private final Listeners connectors;

    public HttpsUrls(Listeners connectors) {
        this.connectors = connectors;
    }

    /**
     * The HTTPS URL for the same host, path and query.
     * @param request a request that arrived over plain HTTP
     * @return the URL, or empty when the portal has no running HTTPS binding
     */
    public Optional<String> of(HttpServletRequest request) {
        String location = ForceHttpsFilter.location(request, this.connectors);
        if (location != null) {
            return Optional.of(location);
        }
        return this.connectors.states().stream()
            .filter((live) -> live.binding().isHttps() && live.running())
            .findFirst()
            .map(ListenerState::localPort)
            .map((port) -> ForceHttpsFilter.location(request.getServerName(), port, port, port, request.getRequestURI(),
                    request.getQueryString()));
    }

}
