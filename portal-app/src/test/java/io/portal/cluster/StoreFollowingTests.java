package io.portal.cluster;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.portal.store.StoreFollower;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One round of following the store: the order of the parts, pruning in reverse, a part
 * that cannot read the store, and requests folded into a queued round.
 */
class StoreFollowingTests {

    private final List<String> steps = new ArrayList<>();

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void certificatesAreFollowedBeforeBindingsAndPrunedAfterThem() {
        StoreFollowing following = new StoreFollowing(List.of(follower("settings", StoreFollower.HTTPS_SETTINGS, false),
                follower("bindings", StoreFollower.BINDINGS, false), follower("certificates", StoreFollower.CERTIFICATES, false)),
                new ClusterWorker(), this.clock);
        following.round();
        assertThat(this.steps).containsExactly("certificates.follow", "bindings.follow", "settings.follow", "settings.prune",
                "bindings.prune", "certificates.prune");
        assertThat(following.lastFollowedAt()).isEqualTo(this.clock.instant());
        assertThat(following.problem()).isNull();
    }

    @Test
    void aPartThatCannotReadTheStoreLeavesTheOthersRunningAndIsReportedWithoutSql() {
        StoreFollowing following = new StoreFollowing(List.of(follower("certificates", StoreFollower.CERTIFICATES, true),
                follower("bindings", StoreFollower.BINDINGS, false)), new ClusterWorker(), this.clock);
        List<String> reports = new ArrayList<>();
        following.afterEachRound(() -> reports.add(following.problem()));
        following.round();
        assertThat(this.steps).containsExactly("bindings.follow", "bindings.prune");
        assertThat(following.lastFollowedAt()).as("no complete round yet").isNull();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).contains("Connection refused").doesNotContain("select");
    }

    @Test
    void requestsWhileARoundIsQueuedAreFoldedIntoIt() throws Exception {
        ClusterWorker worker = new ClusterWorker();
        StoreFollowing following = new StoreFollowing(List.of(follower("bindings", StoreFollower.BINDINGS, false)), worker,
                this.clock);
        // Hold the worker so that requests queue up behind it.
        Object gate = new Object();
        synchronized (gate) {
            worker.execute(() -> {
                synchronized (gate) {
                    // released once the requests are in
                }
            });
            for (int i = 0; i < 10; i++) {
                following.requestRound();
            }
        }
        // The worker runs in order: once this has run, so has every round requested before it.
        CountDownLatch done = new CountDownLatch(1);
        worker.execute(done::countDown);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(this.steps).containsExactly("bindings.follow", "bindings.prune");
        worker.destroy();
    }

    private StoreFollower follower(String name, int order, boolean failing) {
        return new StoreFollower() {

            @Override
            public void follow() {
                if (failing) {
                    throw new DataAccessResourceFailureException("PreparedStatementCallback; SQL [select name from x]",
                            new java.net.ConnectException("Connection refused"));
                }
                StoreFollowingTests.this.steps.add(name + ".follow");
            }

            @Override
            public void prune() {
                if (failing) {
                    throw new DataAccessResourceFailureException("SQL [select 1]", new java.net.ConnectException("Connection refused"));
                }
                StoreFollowingTests.this.steps.add(name + ".prune");
            }

            @Override
            public int getOrder() {
                return order;
            }

        };
    }

}
