package io.portal.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.portal.cluster.NodeReport;
import io.portal.cluster.NodeReport.BindingState;

/**
 * A node that shares the store, as the dashboard shows it: when it last reported and
 * followed the store, what each binding serves there, and where it differs from the node
 * that shows the page (a node that lags, or cannot open a port).
 *
 * @param name its name
 * @param self whether it is the node that shows the page
 * @param lastSeenAt when it last reported
 * @param lastReconciledAt when it last followed the store in full
 * @param bindings one line per binding
 * @param differences where it differs from this node, or why it is behind
 */
public record NodeView(String name, boolean self, Instant lastSeenAt, Instant lastReconciledAt, List<String> bindings,
        List<String> differences) {

    static List<NodeView> of(List<NodeReport> nodes) {
        Map<String, BindingState> mine = nodes.stream()
            .filter(NodeReport::self)
            .findFirst()
            .map((self) -> self.bindings().stream().collect(Collectors.toMap(BindingState::name, Function.identity())))
            .orElse(Map.of());
        return nodes.stream().map((node) -> of(node, mine)).toList();
    }

    private static NodeView of(NodeReport node, Map<String, BindingState> mine) {
        List<String> bindings = node.bindings().stream()
            .map((b) -> b.name() + ": " + (b.running() ? "running on port " + b.port() : "not running")
                    + ((b.fingerprint() != null) ? ", certificate " + shortened(b.fingerprint()) : ""))
            .toList();
        List<String> differences = new ArrayList<>();
        if (node.stale()) {
            differences.add("has not reported since " + node.lastSeenAt() + " (stopped, or cut off from the store)");
        }
        if (node.reconcileProblem() != null) {
            differences.add("cannot follow the store: " + node.reconcileProblem());
        }
        for (BindingState state : node.bindings()) {
            if (!state.running() && state.failure() != null) {
                differences.add("binding '" + state.name() + "' does not listen there: " + state.failure());
            }
            BindingState here = mine.get(state.name());
            if (!node.self() && here != null && state.fingerprint() != null && here.fingerprint() != null
                    && !Objects.equals(state.fingerprint(), here.fingerprint())) {
                differences.add("binding '" + state.name() + "' serves another certificate than this node");
            }
        }
        return new NodeView(node.name(), node.self(), node.lastSeenAt(), node.lastReconciledAt(), bindings, differences);
    }

    private static String shortened(String fingerprint) {
        return (fingerprint.length() > 23) ? fingerprint.substring(0, 23) + "…" : fingerprint;
    }

}
