package io.portal.store;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code store} health component: whether the state store (the database) answers a
 * {@code select 1}. It replaces Spring Boot's {@code db} component, which the portal's
 * defaults switch off: that one answers DOWN (503) while the database is down, and a load
 * balancer would then take out every node at once, although each one still serves its
 * listeners, certificates, HTTPS settings and the ACME challenges it holds.
 * <p>
 * A store that does not answer is {@link #WARNING} (HTTP 200), with the time since when
 * and the cause (without the JDBC URL or a password); changes answer 503 meanwhile. The
 * answer is kept for {@link #CACHED} so that a storm of health probes costs the database
 * one query at most every two seconds, and a probe waits at most {@link #WAIT} for it:
 * one check runs at a time, on the executor, however many probes ask. The component is
 * not part of the liveness group: a node whose database is away must not be restarted.
 */
public class StoreHealthIndicator implements HealthIndicator {

    /**
     * The store cannot be reached; the node serves its last state.
     */
    public static final Status WARNING = new Status("WARNING",
            "The state store cannot be reached; the node serves its last state and refuses changes");

    /**
     * How long an answer of the store is reused.
     */
    static final Duration CACHED = Duration.ofSeconds(2);

    /**
     * How long a probe waits for the store to answer.
     */
    static final Duration WAIT = Duration.ofSeconds(2);

    private static final Log logger = LogFactory.getLog(StoreHealthIndicator.class);

    private final DataSource dataSource;

    private final Executor executor;

    private final Clock clock;

    private Checked last;

    private CompletableFuture<Checked> running;

    private Instant unreachableSince;

    private boolean reported;

    public StoreHealthIndicator(DataSource dataSource, Executor executor, Clock clock) {
        this.dataSource = dataSource;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public Health health() {
        CompletableFuture<Checked> check;
        synchronized (this) {
            Instant now = this.clock.instant();
            if (this.last != null && now.isBefore(this.last.at().plus(CACHED))) {
                return this.last.health();
            }
            if (this.running == null) {
                this.running = CompletableFuture.supplyAsync(this::check, this.executor);
            }
            check = this.running;
        }
        try {
            return check.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).health();
        }
        catch (TimeoutException ex) {
            // Logged once the check ends, with the cause.
            return unreachable("no answer within " + WAIT.toSeconds() + " s", false);
        }
        catch (ExecutionException ex) {
            return unreachable(StoreUnreachable.describe(ex.getCause()), true);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return unreachable("the check was interrupted", false);
        }
    }

    private Checked check() {
        String cause = null;
        try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) WAIT.toSeconds());
            statement.execute("select 1");
        }
        catch (Exception ex) {
            cause = StoreUnreachable.describe(ex);
        }
        synchronized (this) {
            Health health = (cause != null) ? unreachable(cause, true) : reachable();
            this.last = new Checked(health, this.clock.instant());
            this.running = null;
            return this.last;
        }
    }

    private synchronized Health reachable() {
        if (this.unreachableSince != null) {
            logger.info("The state store answers again, after " + Duration.between(this.unreachableSince, this.clock.instant())
                .toSeconds() + " s out of reach");
            this.unreachableSince = null;
            this.reported = false;
        }
        return Health.up().build();
    }

    private synchronized Health unreachable(String cause, boolean report) {
        if (this.unreachableSince == null) {
            this.unreachableSince = this.clock.instant();
        }
        if (report && !this.reported) {
            this.reported = true;
            logger.warn("The state store cannot be reached (" + cause + "); this node keeps serving its last state, and "
                    + "changes answer 503 until the store is back");
        }
        return Health.status(WARNING)
            .withDetail("unreachableSince", this.unreachableSince.toString())
            .withDetail("cause", cause)
            .withDetail("serving", "the last state: listeners, certificates, HTTPS settings and the ACME challenges this "
                    + "node holds; changes answer 503 until the store answers again")
            .build();
    }

    /**
     * The outcome of a check, and when it was made.
     */
    private record Checked(Health health, Instant at) {
    }

}
