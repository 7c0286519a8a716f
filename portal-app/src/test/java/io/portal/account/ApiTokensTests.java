package io.portal.account;

import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import io.portal.store.PortalSchema;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token a running portal makes for the shell commands on its machine: accepted by that
 * portal process only, replaced at its next start, not listed with the operators' tokens.
 */
class ApiTokensTests {

    private final JdbcClient jdbc = store();

    @Test
    void aLocalTokenIsAcceptedByTheProcessThatMadeItOnly() {
        ApiTokens portal = new ApiTokens(this.jdbc, Clock.systemUTC());
        ApiTokens otherNode = new ApiTokens(this.jdbc, Clock.systemUTC());
        String token = portal.createLocal("shell", AdminAccounts.ADMIN, "host-a", null).secret();
        assertThat(portal.authenticate(token)).hasValueSatisfying((t) -> assertThat(t.name()).isEqualTo("shell"));
        assertThat(otherNode.authenticate(token)).as("another portal sharing the store").isEmpty();
        assertThat(portal.list()).isEmpty();
    }

    @Test
    void theNextStartReplacesThePreviousLocalTokenAndKeepsTheOthers() {
        ApiTokens first = new ApiTokens(this.jdbc, Clock.systemUTC());
        String ci = first.create("ci", AdminAccounts.ADMIN).secret();
        String old = first.createLocal("shell", AdminAccounts.ADMIN, "host-a", null).secret();
        ApiTokens restarted = new ApiTokens(this.jdbc, Clock.systemUTC());
        String fresh = restarted.createLocal("shell", AdminAccounts.ADMIN, "host-a", old).secret();
        assertThat(this.jdbc.sql("select count(*) from api_token where local_to is not null").query(Integer.class).single())
            .isEqualTo(1);
        assertThat(restarted.authenticate(fresh)).isPresent();
        assertThat(restarted.authenticate(old)).isEmpty();
        assertThat(restarted.authenticate(ci)).isPresent();
        restarted.deleteLocal(fresh);
        assertThat(restarted.authenticate(fresh)).isEmpty();
        assertThat(restarted.list()).extracting(ApiToken::name).containsExactly("ci");
    }

    @Test
    void theNextStartRemovesEveryLocalTokenAnEarlierRunOfTheSameNodeLeftAndNoOtherNodes() {
        ApiTokens killed = new ApiTokens(this.jdbc, Clock.systemUTC());
        String lost = killed.createLocal("shell", AdminAccounts.ADMIN, "host-a\n/srv/portal/data", null).secret();
        ApiTokens otherNode = new ApiTokens(this.jdbc, Clock.systemUTC());
        String others = otherNode.createLocal("shell", AdminAccounts.ADMIN, "host-b\n/srv/portal/data", null).secret();

        // Its record of the token is gone (a run killed before it wrote it, or the file deleted).
        ApiTokens restarted = new ApiTokens(this.jdbc, Clock.systemUTC());
        String fresh = restarted.createLocal("shell", AdminAccounts.ADMIN, "host-a\n/srv/portal/data", null).secret();

        assertThat(this.jdbc.sql("select count(*) from api_token where local_to is not null").query(Integer.class).single())
            .as("this node's new token and the other node's").isEqualTo(2);
        assertThat(restarted.authenticate(lost)).isEmpty();
        assertThat(killed.authenticate(lost)).as("gone from the store, not just refused elsewhere").isEmpty();
        assertThat(restarted.authenticate(fresh)).isPresent();
        assertThat(otherNode.authenticate(others)).as("another node's token stays").isPresent();
    }

    private static JdbcClient store() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new PortalSchema(dataSource).afterPropertiesSet();
        return JdbcClient.create(dataSource);
    }

}
