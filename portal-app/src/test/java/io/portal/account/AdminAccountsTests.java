package io.portal.account;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two portals sharing one store may start at the same moment: the one that loses the
 * race to create the admin account starts all the same.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminAccountsTests {

    private final JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    AdminAccountsTests() {
        this.jdbc.sql("create table admin_user (username varchar(100) primary key, password_hash varchar(200) not null, "
                + "created_at timestamp with time zone not null)").update();
    }

    @Test
    void anAccountCreatedByAnotherNodeAfterThisOneLookedIsKeptAndItsPasswordSetWhenConfigured() {
        new AdminAccounts(this.jdbc, this.encoder, Clock.systemUTC()).bootstrap("first-node-password");
        lateToTheRace().bootstrap("second-node-password");
        AdminAccounts accounts = new AdminAccounts(this.jdbc, this.encoder, Clock.systemUTC());
        assertThat(accounts.matches(AdminAccounts.ADMIN, "second-node-password")).isTrue();
    }

    @Test
    void aGeneratedPasswordIsNotPrintedByTheNodeThatLostTheRace(CapturedOutput output) {
        new AdminAccounts(this.jdbc, this.encoder, Clock.systemUTC()).bootstrap("first-node-password");
        AdminAccounts late = lateToTheRace();
        late.bootstrap(null);
        assertThat(late.generatedPassword()).isFalse();
        assertThat(output.toString()).doesNotContain("generated password");
        assertThat(new AdminAccounts(this.jdbc, this.encoder, Clock.systemUTC()).matches(AdminAccounts.ADMIN, "first-node-password"))
            .isTrue();
    }

    /**
     * A node that looked for the account before the other node created it.
     */
    private AdminAccounts lateToTheRace() {
        return new AdminAccounts(this.jdbc, this.encoder, Clock.systemUTC()) {

            private boolean looked;

            @Override
            public Optional<String> passwordHash(String username) {
                if (!this.looked) {
                    this.looked = true;
                    return Optional.empty();
                }
                return super.passwordHash(username);
            }

        };
    }

}
