package io.portal.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.portal.store.StoreFollower;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.NestedRuntimeException;

/**
 * Runs every {@link StoreFollower} of this node, one round at a time on its own executor:
 * when the store announces a change, and periodically. Requests that come while a round
 * is queued are folded into it, so a burst of changes costs one round (plus the one that
 * was already running).
 */
class StoreFollowing {

    private static final Log logger = LogFactory.getLog(StoreFollowing.class);

    private final List<StoreFollower> followers;

    private final ClusterWorker executor;

    private final Clock clock;

    private final AtomicBoolean queued = new AtomicBoolean();

    private volatile Instant lastFollowedAt;

    private volatile String problem;

    private volatile Runnable afterRound = () -> {
    };

    StoreFollowing(List<StoreFollower> followers, ClusterWorker executor, Clock clock) {
        List<StoreFollower> ordered = new ArrayList<>(followers);
        ordered.sort((a, b) -> Integer.compare(a.getOrder(), b.getOrder()));
        this.followers = List.copyOf(ordered);
        this.executor = executor;
        this.clock = clock;
    }

    void afterEachRound(Runnable afterRound) {
        this.afterRound = afterRound;
    }

    /**
     * Follow the store soon, on the executor, unless a round is already queued.
     */
    void requestRound() {
        if (this.queued.compareAndSet(false, true)) {
            this.executor.execute(() -> {
                this.queued.set(false);
                round();
            });
        }
    }

    /**
     * One round: every follower follows, then every follower prunes in reverse order. A
     * follower that fails (the store cannot be read) leaves its part as it is; the others
     * still run.
     */
    synchronized void round() {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        StringBuilder timings = new StringBuilder();
        for (StoreFollower follower : this.followers) {
            long begin = System.nanoTime();
            run(follower, follower::follow, problems);
            timings.append(follower.getClass().getSimpleName()).append(' ').append((System.nanoTime() - begin) / 1_000_000).append(" ms, ");
        }
        List<StoreFollower> reversed = new ArrayList<>(this.followers);
        Collections.reverse(reversed);
        for (StoreFollower follower : reversed) {
            run(follower, follower::prune, problems);
        }
        if (logger.isDebugEnabled()) {
            logger.debug("Followed the store in " + (System.nanoTime() - start) / 1_000_000 + " ms (" + timings + "then pruned)");
        }
        String now = problems.isEmpty() ? null : String.join("; ", problems);
        if (now == null) {
            this.lastFollowedAt = this.clock.instant();
            if (this.problem != null) {
                logger.info("This node follows the state store again");
            }
        }
        else if (!now.equals(this.problem)) {
            logger.warn("This node cannot follow the state store; it keeps serving what it has: " + now);
        }
        this.problem = now;
        this.afterRound.run();
    }

    private static void run(StoreFollower follower, Runnable step, List<String> problems) {
        try {
            step.run();
        }
        catch (RuntimeException ex) {
            // The most specific cause names what failed (a refused connection), without the SQL.
            Throwable cause = (ex instanceof NestedRuntimeException nested) ? nested.getMostSpecificCause() : ex;
            String message = Objects.toString(cause.getMessage(), cause.getClass().getSimpleName());
            String line = follower.getClass().getSimpleName() + ": " + message;
            if (!problems.contains(line)) {
                problems.add(line);
            }
            logger.debug("Following the store failed in " + follower.getClass().getSimpleName(), ex);
        }
    }

    Instant lastFollowedAt() {
        return this.lastFollowedAt;
    }

    String problem() {
        return this.problem;
    }

}
