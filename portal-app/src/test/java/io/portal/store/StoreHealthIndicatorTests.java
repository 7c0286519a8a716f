package io.portal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.zaxxer.hikari.HikariDataSource;
import io.portal.testsupport.Await;
import io.portal.testsupport.MutableClock;
import io.portal.testsupport.OwnedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code store} health component against a PostgreSQL server the test owns, stopped
 * and started again under a pool set as the portal sets it: WARNING while it is away (with
 * since when and why, no secret), UP once it is back, one query per two seconds however
 * many probes ask, and never a probe that waits on a database that does not answer.
 */
class StoreHealthIndicatorTests {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    private final MutableClock clock = new MutableClock();

    @AfterEach
    void shutDown() {
        this.executor.shutdownNow();
    }

    @Test
    void warningWhileTheDatabaseIsStoppedAndUpOnceItIsBack() {
        try (OwnedPostgres postgres = OwnedPostgres.create(); HikariDataSource pool = pool(postgres)) {
            Counting counting = new Counting(pool);
            StoreHealthIndicator indicator = new StoreHealthIndicator(counting, this.executor, this.clock);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            postgres.stop();
            this.clock.advance(Duration.ofSeconds(3));
            long started = System.nanoTime();
            Health health = indicator.health();
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(health.getStatus()).isEqualTo(StoreHealthIndicator.WARNING);
            assertThat(health.getStatus().getCode()).isEqualTo("WARNING");
            assertThat(health.getDetails()).containsKeys("unreachableSince", "cause", "serving");
            assertThat(health.getDetails().get("cause").toString()).doesNotContain("jdbc:").doesNotContain("password");
            assertThat(tookMillis).as("a probe waits at most %s", StoreHealthIndicator.WAIT)
                .isLessThan(StoreHealthIndicator.WAIT.toMillis() + 500);
            String since = health.getDetails().get("unreachableSince").toString();

            int attempts = counting.attempts.get();
            for (int i = 0; i < 50; i++) {
                assertThat(indicator.health().getStatus()).isEqualTo(StoreHealthIndicator.WARNING);
            }
            assertThat(counting.attempts.get()).as("probes within two seconds reuse the answer").isEqualTo(attempts);

            Health later = until(indicator, (status) -> status.getDetails().containsKey("cause")
                    && status.getDetails().get("cause").toString().contains("PSQLException"));
            assertThat(later.getStatus()).isEqualTo(StoreHealthIndicator.WARNING);
            assertThat(later.getDetails().get("cause").toString()).as("the driver's words")
                .contains("127.0.0.1:" + postgres.port())
                .doesNotContain("jdbc:");
            assertThat(later.getDetails().get("unreachableSince")).as("since the first failed check").isEqualTo(since);

            postgres.start();
            assertThat(until(indicator, (status) -> status.getStatus().equals(Status.UP)).getDetails()).isEmpty();
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsAWarningWithinTheWait() {
        DelegatingDataSource hanging = new DelegatingDataSource() {

            @Override
            public Connection getConnection() throws SQLException {
                try {
                    Thread.sleep(10_000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                throw new SQLException("interrupted");
            }

        };
        StoreHealthIndicator indicator = new StoreHealthIndicator(hanging, this.executor, this.clock);
        long started = System.nanoTime();
        Health health = indicator.health();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(StoreHealthIndicator.WAIT.plusMillis(500));
        assertThat(health.getStatus()).isEqualTo(StoreHealthIndicator.WARNING);
        assertThat(health.getDetails().get("cause")).isEqualTo("no answer within 2 s");
    }

    /**
     * The health once it is as expected, moving the clock past the cached answer between
     * probes.
     */
    private Health until(StoreHealthIndicator indicator, Predicate<Health> expected) {
        return Await.until("the store's health to change", Duration.ofSeconds(20), () -> {
            this.clock.advance(StoreHealthIndicator.CACHED.plusSeconds(1));
            Health health = indicator.health();
            return expected.test(health) ? health : null;
        });
    }

    private static HikariDataSource pool(OwnedPostgres postgres) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.url());
        pool.setUsername("postgres");
        pool.setPassword("");
        pool.setConnectionTimeout(3000);
        return pool;
    }

    /**
     * Counts the connections asked for.
     */
    private static final class Counting extends DelegatingDataSource {

        private final AtomicInteger attempts = new AtomicInteger();

        Counting(HikariDataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            this.attempts.incrementAndGet();
            return super.getConnection();
        }

    }

}
