package io.portal.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.portal.binding.Listeners;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateSummary;
import io.portal.cluster.NodeReport.BindingState;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The nodes that share the store, as each last reported itself: this node writes its own
 * report (its bindings as they run here, with the certificate each serves) at every
 * heartbeat and after every round of following the store.
 */
public class ClusterNodes {

    private static final Log logger = LogFactory.getLog(ClusterNodes.class);

    private final NodeIdentity self;

    private final NodeStore store;

    private final Listeners listeners;

    private final CertificateCatalog catalog;

    private final StoreFollowing following;

    private final Duration heartbeat;

    private final Instant startedAt;

    private volatile String lastProblem;

    private volatile List<NodeReport> lastKnown = List.of();

    ClusterNodes(NodeIdentity self, NodeStore store, Listeners listeners, CertificateCatalog catalog,
            StoreFollowing following, Duration heartbeat, Clock clock) {
        this.self = self;
        this.store = store;
        this.listeners = listeners;
        this.catalog = catalog;
        this.following = following;
        this.heartbeat = heartbeat;
        this.startedAt = clock.instant();
    }

    /**
     * This node.
     * @return its identity
     */
    public NodeIdentity self() {
        return this.self;
    }

    /**
     * Every node that shares the store, this one included; a node that has not reported
     * for three heartbeats is marked stale.
     * @return the nodes, by name
     */
    public List<NodeReport> nodes() {
        List<NodeReport> nodes = this.store.all(this.self, this.heartbeat.multipliedBy(3));
        this.lastKnown = nodes;
        return nodes;
    }

    /**
     * The nodes as read at this node's last report, without asking the store.
     * @return the nodes, empty before the first report
     */
    public List<NodeReport> lastKnown() {
        return this.lastKnown;
    }

    /**
     * What this node serves now, binding by binding.
     * @return the states, by binding name
     */
    public List<BindingState> bindings() {
        return this.listeners.states().stream().map((state) -> {
            String bundle = state.binding().isHttps() ? state.binding().sslBundle() : null;
            String fingerprint = (bundle != null) ? this.catalog.find(bundle).map(CertificateSummary::sha256).orElse(null) : null;
            return new BindingState(state.binding().name(), state.binding().scheme().id(), state.running(),
                    state.running() ? state.localPort() : state.binding().port(), state.failure(), bundle, fingerprint);
        }).toList();
    }

    /**
     * Write this node's report; a store that cannot be reached is logged once.
     */
    void report() {
        try {
            this.store.save(this.self, this.startedAt, this.following.lastFollowedAt(), this.following.problem(), bindings());
            nodes();
            if (this.lastProblem != null) {
                logger.info("This node reports to the state store again");
            }
            this.lastProblem = null;
        }
        catch (RuntimeException ex) {
            String problem = Objects.toString(ex.getMessage(), ex.getClass().getSimpleName());
            if (this.lastProblem == null) {
                logger.warn("This node cannot report to the state store (" + problem + "); other nodes will list it as stale");
            }
            this.lastProblem = problem;
        }
    }

}
