package io.portal.acme;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.portal.certificate.Pem;
import io.portal.store.SecretCipher;
import io.portal.store.SecretUnreadableException;
import io.portal.store.StoreUnreachable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AcmeStore} in the relational state store (tables of {@code V3__acme.sql} and
 * {@code V5__runtime_acme.sql}). The account key pair is sealed with the master key, bound
 * to {@code acme_account:<key>}. The challenges this node presented or answered are also
 * held in memory ({@link HeldChallenges}), to be answered while the store is out of reach.
 */
class JdbcAcmeStore implements AcmeStore {

    private static final String PUBLIC_KEY_SEPARATOR = "\n--public--\n";

    private final JdbcClient jdbc;

    private final SecretCipher cipher;

    private final TransactionTemplate transactions;

    private final TransactionTemplate lockTransactions;

    private final HeldChallenges held = new HeldChallenges(Clock.systemUTC());

    JdbcAcmeStore(JdbcClient jdbc, SecretCipher cipher, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transactions = transactions;
        // The issuance lock is taken and given back in transactions of its own, so that other
        // nodes see it at once even when a change (deleting a certificate) takes it.
        this.lockTransactions = new TransactionTemplate(transactions.getTransactionManager());
        this.lockTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Optional<AcmeAccount> findAccount(String key) {
        return this.jdbc.sql("select directory, account_url, key_pair, created_at from acme_account where directory = ?")
            .param(key)
            .query(this::account)
            .optional();
    }

    @Override
    public void saveAccount(AcmeAccount account) {
        String sealed = this.cipher.seal(context(account.directory()), encode(account.keyPair()).getBytes(StandardCharsets.US_ASCII));
        this.transactions.executeWithoutResult((status) -> {
            this.jdbc.sql("delete from acme_account where directory = ?").param(account.directory()).update();
            this.jdbc.sql("insert into acme_account (directory, account_url, key_pair, created_at) values (?, ?, ?, ?)")
                .params(account.directory(), account.location(), sealed, utc(account.createdAt()))
                .update();
        });
    }

    @Override
    public List<AcmeCertificateDefinition> findDefinitions() {
        return this.jdbc.sql("""
                select name, domains, directory, email, terms_of_service, requested_by, requested_at, ca_certificates
                from acme_certificate order by requested_at, name""")
            .query((rs, row) -> new AcmeCertificateDefinition(rs.getString("name"),
                    List.of(rs.getString("domains").split(",")), rs.getString("directory"), rs.getString("email"),
                    rs.getString("terms_of_service"), rs.getString("requested_by"), instant(rs, "requested_at"),
                    rs.getString("ca_certificates")))
            .list();
    }

    @Override
    public void saveDefinition(AcmeCertificateDefinition definition) {
        this.jdbc.sql("""
                insert into acme_certificate (name, domains, directory, email, terms_of_service, requested_by, requested_at,
                ca_certificates) values (?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(definition.name(), String.join(",", definition.domains()), definition.directory(), definition.email(),
                    definition.termsOfService(), definition.requestedBy(), utc(definition.requestedAt()),
                    definition.caCertificates())
            .update();
    }

    @Override
    public void deleteDefinition(String name) {
        this.transactions.executeWithoutResult((status) -> {
            this.jdbc.sql("delete from acme_certificate where name = ?").param(name).update();
            this.jdbc.sql("delete from acme_renewal where certificate = ?").param(name).update();
            this.jdbc.sql("delete from managed_certificate where name = ? and kind = ?")
                .params(name, AcmeCertificateSettings.KIND)
                .update();
        });
    }

    @Override
    public void putChallenge(PendingChallenge challenge) {
        this.transactions.executeWithoutResult((status) -> {
            // Challenges live for seconds; anything a day old was left by a crashed node.
            this.jdbc.sql("delete from acme_challenge where token = ? or created_at < ?")
                .params(challenge.token(), utc(challenge.createdAt().minus(Duration.ofDays(1))))
                .update();
            this.jdbc.sql("""
                    insert into acme_challenge (token, key_authorization, domain, certificate, created_at)
                    values (?, ?, ?, ?, ?)""")
                .params(challenge.token(), challenge.keyAuthorization(), challenge.domain(), challenge.certificate(),
                        utc(challenge.createdAt()))
                .update();
        });
        this.held.hold(challenge);
    }

    /**
     * The challenge as stored; while the store is out of reach, one this node presented or
     * answered before.
     */
    @Override
    public Optional<PendingChallenge> findChallenge(String token) {
        Optional<PendingChallenge> stored;
        try {
            stored = this.jdbc.sql("select token, key_authorization, domain, certificate, created_at from acme_challenge "
                    + "where token = ?")
                .param(token)
                .query((rs, row) -> new PendingChallenge(rs.getString("token"), rs.getString("key_authorization"),
                        rs.getString("domain"), rs.getString("certificate"), instant(rs, "created_at")))
                .optional();
        }
        catch (DataAccessException ex) {
            Optional<PendingChallenge> held = StoreUnreachable.isCause(ex) ? this.held.find(token) : Optional.empty();
            if (held.isEmpty()) {
                throw ex;
            }
            return held;
        }
        stored.ifPresentOrElse(this.held::hold, () -> this.held.release(token));
        return stored;
    }

    @Override
    public void removeChallenge(String token) {
        this.held.release(token);
        this.jdbc.sql("delete from acme_challenge where token = ?").param(token).update();
    }

    @Override
    public RenewalRecord renewal(String certificate) {
        return this.jdbc.sql("""
                select certificate, consecutive_failures, last_error, last_problem_type, last_attempt_at, next_attempt_at,
                last_success_at from acme_renewal where certificate = ?""")
            .param(certificate)
            .query((rs, row) -> new RenewalRecord(rs.getString("certificate"), rs.getInt("consecutive_failures"),
                    rs.getString("last_error"), rs.getString("last_problem_type"), instant(rs, "last_attempt_at"),
                    instant(rs, "next_attempt_at"), instant(rs, "last_success_at")))
            .optional()
            .orElseGet(() -> RenewalRecord.none(certificate));
    }

    @Override
    public void saveRenewal(RenewalRecord record) {
        String error = (record.lastError() != null && record.lastError().length() > 4000)
                ? record.lastError().substring(0, 3997) + "..." : record.lastError();
        String problemType = (record.lastProblemType() != null && record.lastProblemType().length() > 100)
                ? record.lastProblemType().substring(0, 100) : record.lastProblemType();
        this.transactions.executeWithoutResult((status) -> {
            int updated = this.jdbc.sql("""
                    update acme_renewal set consecutive_failures = ?, last_error = ?, last_problem_type = ?,
                    last_attempt_at = ?, next_attempt_at = ?, last_success_at = ? where certificate = ?""")
                .params(record.consecutiveFailures(), error, problemType, utc(record.lastAttemptAt()),
                        utc(record.nextAttemptAt()), utc(record.lastSuccessAt()), record.certificate())
                .update();
            if (updated == 0) {
                this.jdbc.sql("""
                        insert into acme_renewal (certificate, consecutive_failures, last_error, last_problem_type,
                        last_attempt_at, next_attempt_at, last_success_at) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(record.certificate(), record.consecutiveFailures(), error, problemType,
                            utc(record.lastAttemptAt()), utc(record.nextAttemptAt()), utc(record.lastSuccessAt()))
                    .update();
            }
        });
    }

    @Override
    public boolean tryLock(String name, String owner, Instant now, Duration ttl) {
        try {
            return Boolean.TRUE.equals(this.lockTransactions.execute((status) -> {
                this.jdbc.sql("delete from acme_lock where name = ? and (expires_at < ? or owner = ?)")
                    .params(name, utc(now), owner)
                    .update();
                this.jdbc.sql("insert into acme_lock (name, owner, expires_at) values (?, ?, ?)")
                    .params(name, owner, utc(now.plus(ttl)))
                    .update();
                return true;
            }));
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }

    @Override
    public Optional<Instant> lockExpiry(String name) {
        return this.jdbc.sql("select expires_at from acme_lock where name = ?").param(name)
            .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
            .optional();
    }

    @Override
    public boolean extendLock(String name, String owner, Instant now, Duration ttl) {
        return this.jdbc.sql("update acme_lock set expires_at = ? where name = ? and owner = ? and expires_at >= ?")
            .params(utc(now.plus(ttl)), name, owner, utc(now))
            .update() == 1;
    }

    @Override
    public void unlock(String name, String owner) {
        this.lockTransactions.executeWithoutResult((status) -> this.jdbc
            .sql("delete from acme_lock where name = ? and owner = ?").params(name, owner).update());
    }

    private AcmeAccount account(ResultSet rs, int row) throws SQLException {
        String directory = rs.getString("directory");
        String context = context(directory);
        KeyPair keyPair = decode(context, new String(this.cipher.open(context, rs.getString("key_pair")), StandardCharsets.US_ASCII));
        return new AcmeAccount(directory, rs.getString("account_url"), keyPair, instant(rs, "created_at"));
    }

    private static String encode(KeyPair keyPair) {
        return Pem.encode(keyPair.getPrivate()) + PUBLIC_KEY_SEPARATOR
                + Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
    }

    private static KeyPair decode(String context, String encoded) {
        int separator = encoded.indexOf(PUBLIC_KEY_SEPARATOR);
        if (separator < 0) {
            throw new SecretUnreadableException(context, "it does not hold a key pair; the stored value is damaged");
        }
        try {
            PrivateKey privateKey = Pem.privateKey(encoded.substring(0, separator));
            byte[] publicKey = Base64.getDecoder().decode(encoded.substring(separator + PUBLIC_KEY_SEPARATOR.length()).trim());
            PublicKey key = KeyFactory.getInstance(privateKey.getAlgorithm()).generatePublic(new X509EncodedKeySpec(publicKey));
            return new KeyPair(key, privateKey);
        }
        catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException ex) {
            throw new SecretUnreadableException(context, "its key pair cannot be parsed; the stored value is damaged");
        }
    }

    private static String context(String directory) {
        return "acme_account:" + directory;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return (value != null) ? value.toInstant() : null;
    }

    private static OffsetDateTime utc(Instant instant) {
        return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
    }

}
