package io.portal.acme;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import java.security.SecureRandom;
import java.time.Instant;

import io.portal.store.MasterKey;
import io.portal.store.PortalSchema;
import io.portal.store.SecretCipher;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wait for the CA's verdict on a challenge ends shortly after the CA fetched it from
 * this node, and otherwise at the pause the polling schedule gives.
 */
class ChallengeFetchesTests {

    private final ChallengeFetches fetches = new ChallengeFetches();

    @Test
    void aPauseEndsShortlyAfterTheCaFetchedTheToken() throws Exception {
        this.fetches.expect("token");
        long start = System.nanoTime();
        CompletableFuture<Void> pause = CompletableFuture.runAsync(() -> pause("token", Duration.ofSeconds(10)));
        TimeUnit.MILLISECONDS.sleep(100);
        this.fetches.fetched("token");
        pause.get(5, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(100).plus(ChallengeFetches.SETTLE))
            .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void withoutAFetchAndOnceFetchedThePausesAreTheSchedules() {
        this.fetches.expect("token");
        assertThat(timed(() -> pause("token", Duration.ofMillis(300)))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        this.fetches.fetched("token");
        assertThat(timed(() -> pause("token", Duration.ofMillis(300)))).as("after the first fetch")
            .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(timed(() -> pause("other", Duration.ofMillis(200)))).as("a token presented elsewhere")
            .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        this.fetches.forget("token");
        this.fetches.fetched("token");
        assertThat(timed(() -> pause("token", Duration.ofMillis(200)))).as("forgotten").isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void theChallengeFilterSignalsTheFetchOfATokenItAnswers() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:fetches" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        new PortalSchema(dataSource).afterPropertiesSet();
        byte[] key = new byte[MasterKey.LENGTH];
        new SecureRandom().nextBytes(key);
        JdbcAcmeStore store = new JdbcAcmeStore(JdbcClient.create(dataSource), new SecretCipher(new MasterKey(key)),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        store.putChallenge(new PendingChallenge("token", "token.thumbprint", "portal.test", "public", Instant.now()));
        AcmeChallengeFilter filter = new AcmeChallengeFilter(store, this.fetches);
        this.fetches.expect("token");
        long start = System.nanoTime();
        CompletableFuture<Void> pause = CompletableFuture.runAsync(() -> pause("token", Duration.ofSeconds(10)));
        TimeUnit.MILLISECONDS.sleep(100);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/.well-known/acme-challenge/token"), response,
                (request, answer) -> ((MockHttpServletResponse) answer).setStatus(404));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("token.thumbprint");
        pause.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private void pause(String token, Duration pause) {
        try {
            this.fetches.pausesFor(token).pause(pause);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static Duration timed(Runnable runnable) {
        long start = System.nanoTime();
        runnable.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

}
