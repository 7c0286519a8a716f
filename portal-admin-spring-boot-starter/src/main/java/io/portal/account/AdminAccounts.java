package io.portal.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.StringUtils;

/**
 * The administrator accounts. At the first start the {@code admin} account is created with
 * the password from PORTAL_ADMIN_PASSWORD, or else a random one that is printed to the log
 * this one time. Only password hashes are stored.
 */
public class AdminAccounts {

    /**
     * The name of the account created at the first start.
     */
    public static final String ADMIN = "admin";

    private static final Log logger = LogFactory.getLog(AdminAccounts.class);

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final JdbcClient jdbc;

    private final PasswordEncoder encoder;

    private final Clock clock;

    private volatile boolean generatedPassword;

    public AdminAccounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /**
     * Create or update the admin account as configured.
     * @param configuredPassword PORTAL_ADMIN_PASSWORD, or {@code null}
     */
    public void bootstrap(String configuredPassword) {
        Optional<String> stored = passwordHash(ADMIN);
        if (StringUtils.hasText(configuredPassword)) {
            if (stored.isEmpty() && insert(ADMIN, configuredPassword)) {
                logger.info("Created the administrator account 'admin' with the password from PORTAL_ADMIN_PASSWORD");
                return;
            }
            stored = passwordHash(ADMIN);
            if (stored.isPresent() && !this.encoder.matches(configuredPassword, stored.get())) {
                setPassword(ADMIN, configuredPassword);
                logger.info("Set the password of the administrator account 'admin' from PORTAL_ADMIN_PASSWORD");
            }
            return;
        }
        if (stored.isEmpty()) {
            String generated = generatePassword();
            if (!insert(ADMIN, generated)) {
                // Another node sharing the store created the account at the same moment, and printed its password.
                return;
            }
            this.generatedPassword = true;
            logger.warn("\n\n    Created the administrator account 'admin' with the generated password: " + generated
                    + "\n    It is shown this once. Sign in and keep it safe, or set PORTAL_ADMIN_PASSWORD to choose one.\n");
        }
    }

    /**
     * Whether this start generated the admin password (and printed it to the log).
     * @return whether it did
     */
    public boolean generatedPassword() {
        return this.generatedPassword;
    }

    /**
     * Check a user's password.
     * @param username the user
     * @param password the password
     * @return whether they match an account
     */
    public boolean matches(String username, String password) {
        return passwordHash(username).map((hash) -> this.encoder.matches(password, hash)).orElse(false);
    }

    public Optional<String> passwordHash(String username) {
        return this.jdbc.sql("select password_hash from admin_user where username = ?").param(username).query(String.class).optional();
    }

    public void setPassword(String username, String password) {
        this.jdbc.sql("update admin_user set password_hash = ? where username = ?").params(this.encoder.encode(password), username)
            .update();
    }

    /**
     * Create an account, unless another node sharing the store has just created it.
     * @return whether this call created it
     */
    private boolean insert(String username, String password) {
        try {
            this.jdbc.sql("insert into admin_user (username, password_hash, created_at) values (?, ?, ?)")
                .params(username, this.encoder.encode(password), OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update();
            return true;
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

}
