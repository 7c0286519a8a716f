package io.portal.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.scheduling.TaskScheduler;

/**
 * Once the portal listens: a full round of following the store every
 * {@code portal.cluster.reconcile-interval}, and this node's report every
 * {@code portal.cluster.heartbeat-interval} (and after each round). The scheduler only
 * triggers; the work runs on the cluster's own executor, so that a store that answers
 * slowly holds none of the scheduler's threads.
 * <p>
 * The first report is written as soon as the web server listens, on the thread that
 * starts it and before any other listener of that event: whatever the portal does once it
 * listens (an ACME order, which takes a lock every node sees) is done by a node that the
 * others already list, with its bindings. A node killed a moment after its start is then
 * listed as stale, not missing.
 */
class ClusterMaintenance implements SmartLifecycle, ApplicationListener<WebServerInitializedEvent>, Ordered {

    private static final Log logger = LogFactory.getLog(ClusterMaintenance.class);

    private final StoreFollowing following;

    private final ClusterNodes nodes;

    private final TaskScheduler scheduler;

    private final ClusterWorker executor;

    private final ClusterProperties properties;

    private final Clock clock;

    private final AtomicBoolean reportQueued = new AtomicBoolean();

    private final List<ScheduledFuture<?>> loops = new ArrayList<>();

    private volatile boolean running;

    ClusterMaintenance(StoreFollowing following, ClusterNodes nodes, TaskScheduler scheduler, ClusterWorker executor,
            ClusterProperties properties, Clock clock) {
        this.following = following;
        this.nodes = nodes;
        this.scheduler = scheduler;
        this.executor = executor;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        this.nodes.report();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public synchronized void start() {
        this.running = true;
        Duration reconcile = this.properties.getReconcileInterval();
        Duration heartbeat = this.properties.getHeartbeatInterval();
        this.following.afterEachRound(this.nodes::report);
        // A first round at once, so that the node is listed as following from its start.
        this.following.requestRound();
        this.loops.add(this.scheduler.scheduleWithFixedDelay(this.following::requestRound,
                this.clock.instant().plus(reconcile), reconcile));
        this.loops.add(this.scheduler.scheduleAtFixedRate(this::requestReport, this.clock.instant(), heartbeat));
        logger.info("Node '" + this.nodes.self().name() + "' (" + this.nodes.self().id() + ") follows the state store: in full "
                + "every " + reconcile + ", at once when PostgreSQL announces a change; reports itself every " + heartbeat);
    }

    private void requestReport() {
        if (this.reportQueued.compareAndSet(false, true)) {
            this.executor.execute(() -> {
                this.reportQueued.set(false);
                this.nodes.report();
            });
        }
    }

    @Override
    public synchronized void stop() {
        this.running = false;
        this.loops.forEach((loop) -> loop.cancel(false));
        this.loops.clear();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

}
