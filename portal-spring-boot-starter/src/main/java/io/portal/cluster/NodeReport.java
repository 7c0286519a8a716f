package io.portal.cluster;

import java.time.Instant;
import java.util.List;

/**
 * One node as it last reported itself in the store.
 *
 * @param id its identifier
 * @param name its name
 * @param self whether it is the node that answers
 * @param startedAt when it started
 * @param lastSeenAt when it last reported
 * @param lastReconciledAt when it last followed the store in full, {@code null} if not yet
 * @param reconcileProblem why its last attempt to follow the store failed, {@code null} if
 * it did not
 * @param stale whether it has not reported for three heartbeats (stopped, or cut off from
 * the store)
 * @param bindings what each of its bindings does there
 */
public record NodeReport(String id, String name, boolean self, Instant startedAt, Instant lastSeenAt,
        Instant lastReconciledAt, String reconcileProblem, boolean stale, List<BindingState> bindings) {

    /**
     * A binding as one node runs it.
     *
     * @param name the binding's name
     * @param scheme http or https
     * @param running whether it accepts connections on that node
     * @param port the port it listens on there
     * @param failure why it does not listen there, {@code null} if it does
     * @param certificate the SSL bundle it serves, {@code null} for HTTP
     * @param fingerprint the SHA-256 fingerprint of that bundle's certificate as that node
     * serves it, {@code null} for HTTP
     */
    public record BindingState(String name, String scheme, boolean running, int port, String failure,
            String certificate, String fingerprint) {
    }

}
