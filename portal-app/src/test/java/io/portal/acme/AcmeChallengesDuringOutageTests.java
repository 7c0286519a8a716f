package io.portal.acme;

import java.security.SecureRandom;
import java.time.Instant;

import javax.sql.DataSource;

import io.portal.store.MasterKey;
import io.portal.store.SecretCipher;
import io.portal.store.StoreUnreachable;
import io.portal.testsupport.OwnedPostgres;
import io.portal.store.PortalSchema;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * HTTP-01 challenges while the state store is out of reach, on a PostgreSQL server the
 * test stops: two nodes share it; each keeps answering the challenges it presented or
 * answered before, and no other (another node's unseen challenge, one withdrawn). Once
 * the store is back it is the truth again.
 */
class AcmeChallengesDuringOutageTests {

    @Test
    void aNodeAnswersTheChallengesItHoldsWhileTheStoreIsAway() {
        try (OwnedPostgres postgres = OwnedPostgres.create()) {
            DataSource dataSource = new DriverManagerDataSource(postgres.url(), "postgres", "");
            new PortalSchema(dataSource).afterPropertiesSet();
            JdbcAcmeStore nodeA = store(dataSource);
            JdbcAcmeStore nodeB = store(dataSource);
            AcmeChallengeFilter controllerA = new AcmeChallengeFilter(nodeA);
            nodeA.putChallenge(challenge("presented-by-A"));
            nodeB.putChallenge(challenge("presented-by-B"));
            nodeB.putChallenge(challenge("unseen-by-A"));
            nodeA.putChallenge(challenge("withdrawn"));
            assertThat(answer(controllerA, "presented-by-B").getStatusCode().value()).as("read from the store").isEqualTo(200);
            nodeA.removeChallenge("withdrawn");

            postgres.stop();
            assertThat(answer(controllerA, "presented-by-A").getBody()).isEqualTo("presented-by-A.thumbprint");
            assertThat(answer(controllerA, "presented-by-B").getBody()).as("answered before").isEqualTo("presented-by-B.thumbprint");
            ResponseEntity<String> unseen = answer(controllerA, "unseen-by-A");
            assertThat(unseen.getStatusCode().value()).isEqualTo(503);
            assertThat(unseen.getBody()).contains("cannot reach its state store");
            assertThat(answer(controllerA, "withdrawn").getStatusCode().value()).isEqualTo(503);
            assertThatRuntimeException().isThrownBy(() -> nodeB.findChallenge("presented-by-A"))
                .matches(StoreUnreachable::isCause, "the store is unreachable");

            postgres.start();
            nodeB.removeChallenge("presented-by-A");
            assertThat(answer(controllerA, "presented-by-A").getStatusCode().value()).as("the store decides again")
                .isEqualTo(404);
            postgres.stop();
            assertThat(answer(controllerA, "presented-by-A").getStatusCode().value()).as("forgotten once withdrawn")
                .isEqualTo(503);
            assertThat(answer(controllerA, "presented-by-B").getStatusCode().value()).isEqualTo(200);
        }
    }

    private static ResponseEntity<String> answer(AcmeChallengeFilter filter, String token) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            // What the filter does not answer goes on to the application, which has no such path.
            filter.doFilter(new MockHttpServletRequest("GET", "/.well-known/acme-challenge/" + token), response,
                    (request, answer) -> ((MockHttpServletResponse) answer).setStatus(404));
            return ResponseEntity.status(response.getStatus()).body(response.getContentAsString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static PendingChallenge challenge(String token) {
        return new PendingChallenge(token, token + ".thumbprint", "portal.test", "public", Instant.now());
    }

    private static JdbcAcmeStore store(DataSource dataSource) {
        byte[] key = new byte[MasterKey.LENGTH];
        new SecureRandom().nextBytes(key);
        return new JdbcAcmeStore(JdbcClient.create(dataSource), new SecretCipher(new MasterKey(key)),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

}
