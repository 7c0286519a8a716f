package io.portal.script;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.portal.binding.Binding;
import io.portal.binding.Listeners;
import io.portal.binding.Listeners.ListenerState;
import io.portal.https.RedirectTargets;
import io.portal.system.BaseUrl;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The portal that a script is shown on, as the operator reached it: a request over HTTPS
 * gives its own URL; one over HTTP the same host on the HTTPS binding it would be
 * redirected to (so that the token never travels in clear); the certificate is the one
 * served there.
 */
public class ScriptTargets {

    private final Listeners listeners;

    public ScriptTargets(Listeners listeners) {
        this.listeners = listeners;
    }

    /**
     * The target for the current request.
     * @return the target
     */
    public ScriptTarget current() {
        return current(Set.of());
    }

    /**
     * The target for the current request, away from bindings that a change closes or moves
     * where another HTTPS binding can serve (a script must not lose its connection to its
     * own change).
     * @param avoid the names of the bindings the change is about
     * @return the target
     */
    public ScriptTarget current(Set<String> avoid) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        List<ListenerState> all = this.listeners.states().stream().filter(ListenerState::running).toList();
        List<ListenerState> kept = all.stream().filter((state) -> !avoid.contains(state.binding().name())).toList();
        List<ListenerState> running = kept.stream().anyMatch((state) -> state.binding().isHttps()) ? kept : all;
        if (request.isSecure()) {
            Optional<ListenerState> arrival = running.stream()
                .filter((state) -> state.binding().isHttps() && state.localPort() == request.getLocalPort())
                .findFirst();
            String bundle = arrival.map((state) -> bundle(state.binding(), request.getServerName()))
                .orElseGet(() -> running.stream().map(ListenerState::binding).filter(Binding::isHttps).findFirst()
                    .map(Binding::sslBundle).orElse(null));
            return new ScriptTarget(BaseUrl.current(), bundle);
        }
        List<Binding> bindings = running.stream().map(ListenerState::binding).toList();
        Optional<ListenerState> https = running.stream()
            .filter((state) -> !state.binding().isHttps() && state.localPort() == request.getLocalPort())
            .findFirst()
            .map((http) -> RedirectTargets.of(http.binding(), bindings).binding())
            .flatMap((target) -> running.stream().filter((state) -> state.binding().name().equals(target.name())).findFirst())
            .or(() -> running.stream()
                .filter((state) -> state.binding().isHttps())
                .min(Comparator.comparing((ListenerState state) -> state.binding().source() != Binding.Source.CONFIG)
                    .thenComparing((state) -> state.binding().name())));
        if (https.isEmpty()) {
            return new ScriptTarget(BaseUrl.current(), null);
        }
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = https.get().localPort();
        return new ScriptTarget("https://" + host + ((port == 443) ? "" : ":" + port) + request.getContextPath(),
                bundle(https.get().binding(), request.getServerName()));
    }

    private static String bundle(Binding binding, String host) {
        return binding.sni().getOrDefault(host, binding.sslBundle());
    }

}
