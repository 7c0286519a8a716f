package io.portal.acme;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.portal.certificate.KeyType;
import io.portal.store.MasterKey;
import io.portal.store.SecretCipher;
import io.portal.store.SecretUnreadableException;
import io.portal.testsupport.TestPostgres;
import io.portal.store.PortalSchema;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The ACME tables on both databases the portal supports.
 */
class JdbcAcmeStoreTests {

    private TestPostgres.Schema schema;

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    @AfterEach
    void dropSchema() {
        if (this.schema != null) {
            this.schema.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theAccountKeyPairIsStoredSealedAndReadBackWhole(String database) {
        DataSource dataSource = dataSource(database);
        SecretCipher cipher = cipher();
        JdbcAcmeStore store = store(dataSource, cipher);
        KeyPair keyPair = KeyType.EC_P256.generateKeyPair();
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.saveAccount(new AcmeAccount("https://ca.test/dir", "https://ca.test/acct/1", keyPair, created));

        AcmeAccount read = store.findAccount("https://ca.test/dir").orElseThrow();

        assertThat(read.location()).isEqualTo("https://ca.test/acct/1");
        assertThat(read.keyPair().getPrivate()).isEqualTo(keyPair.getPrivate());
        assertThat(read.keyPair().getPublic()).isEqualTo(keyPair.getPublic());
        assertThat(read.createdAt()).isEqualTo(created);
        assertThat(read.toString()).doesNotContain(Base64.getEncoder().encodeToString(keyPair.getPrivate().getEncoded()));
        String column = JdbcClient.create(dataSource).sql("select key_pair from acme_account").query(String.class).single();
        String privateKey = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(keyPair.getPrivate().getEncoded());
        assertThat(column).doesNotContain(privateKey.substring(0, 40)).doesNotContain("PRIVATE KEY");
        assertThat(store.findAccount("https://other.test/dir")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSealedAccountKeyCopiedToAnotherCaDoesNotDecrypt(String database) {
        DataSource dataSource = dataSource(database);
        JdbcAcmeStore store = store(dataSource, cipher());
        store.saveAccount(new AcmeAccount("https://ca.test/dir", "https://ca.test/acct/1", KeyType.EC_P256.generateKeyPair(), Instant.now()));
        JdbcClient.create(dataSource).sql("update acme_account set directory = 'https://evil.test/dir'").update();

        assertThatExceptionOfType(SecretUnreadableException.class).isThrownBy(() -> store.findAccount("https://evil.test/dir"))
            .withMessageContaining("acme_account:https://evil.test/dir");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLockIsHeldByOneOwnerUntilReleasedOrExpired(String database) {
        JdbcAcmeStore store = store(dataSource(database), cipher());
        Instant now = Instant.now();

        assertThat(store.tryLock("public", "node-a", now, Duration.ofMinutes(15))).isTrue();
        assertThat(store.tryLock("public", "node-b", now, Duration.ofMinutes(15))).isFalse();
        assertThat(store.tryLock("other", "node-b", now, Duration.ofMinutes(15))).isTrue();
        assertThat(store.tryLock("public", "node-b", now.plus(Duration.ofMinutes(16)), Duration.ofMinutes(15))).isTrue();
        store.unlock("public", "node-a");
        assertThat(store.tryLock("public", "node-c", now.plus(Duration.ofMinutes(16)), Duration.ofMinutes(15))).isFalse();
        store.unlock("public", "node-b");
        assertThat(store.tryLock("public", "node-c", now.plus(Duration.ofMinutes(16)), Duration.ofMinutes(15))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLockTakenWithinAChangeIsSeenByOtherNodesAtOnceAndOutlivesTheChangesRollback(String database) {
        DataSource dataSource = dataSource(database);
        JdbcAcmeStore store = store(dataSource, cipher());
        Instant now = Instant.now();
        TransactionTemplate change = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        change.executeWithoutResult((status) -> {
            // As deleting a certificate does: the lock is taken inside the change...
            assertThat(store.tryLock("public", "node-a", now, Duration.ofSeconds(45))).isTrue();
            // ...and another node, on its own thread and connection, sees it before the change commits.
            JdbcAcmeStore other = store(dataSource, cipher());
            assertThat(CompletableFuture.supplyAsync(() -> other.tryLock("public", "node-b", now, Duration.ofSeconds(45))))
                .succeedsWithin(Duration.ofSeconds(5)).isEqualTo(false);
            status.setRollbackOnly();
        });
        assertThat(store.tryLock("public", "node-b", now, Duration.ofSeconds(45))).as("still held after the rollback").isFalse();
        store.unlock("public", "node-a");
        assertThat(store.tryLock("public", "node-b", now, Duration.ofSeconds(45))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aHeartbeatKeepsTheLeaseWhileTheHolderLivesAndADeadHoldersLeaseRunsOutWithinAMinute(String database) {
        JdbcAcmeStore store = store(dataSource(database), cipher());
        Instant now = Instant.now();
        Duration ttl = AcmeCertificateService.LOCK_TTL;
        assertThat(ttl).isLessThan(Duration.ofMinutes(1));
        assertThat(AcmeCertificateService.LOCK_HEARTBEAT.multipliedBy(2)).isLessThan(ttl);

        assertThat(store.tryLock("public", "node-a", now, ttl)).isTrue();
        Instant beat = now;
        for (int i = 0; i < 8; i++) {
            // Two minutes of an order that runs: node-a beats, node-b keeps trying.
            beat = beat.plus(AcmeCertificateService.LOCK_HEARTBEAT);
            assertThat(store.extendLock("public", "node-a", beat, ttl)).isTrue();
            assertThat(store.tryLock("public", "node-b", beat.plusSeconds(1), ttl)).isFalse();
        }
        assertThat(store.extendLock("public", "node-b", beat, ttl)).as("a heartbeat of who does not hold it").isFalse();

        // node-a dies: no more heartbeats.
        assertThat(store.tryLock("public", "node-b", beat.plus(ttl).minusSeconds(1), ttl)).isFalse();
        assertThat(store.tryLock("public", "node-b", beat.plus(ttl).plusSeconds(1), ttl)).isTrue();
        assertThat(store.extendLock("public", "node-a", beat.plus(ttl).plusSeconds(2), ttl))
            .as("the dead holder's late heartbeat").isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void challengesAndRenewalRecordsRoundTrip(String database) {
        JdbcAcmeStore store = store(dataSource(database), cipher());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.putChallenge(new PendingChallenge("tok-1", "tok-1.thumb", "portal.test", "public", now));
        assertThat(store.findChallenge("tok-1")).hasValueSatisfying((c) -> assertThat(c.keyAuthorization()).isEqualTo("tok-1.thumb"));
        store.removeChallenge("tok-1");
        assertThat(store.findChallenge("tok-1")).isEmpty();

        assertThat(store.renewal("public")).isEqualTo(RenewalRecord.none("public"));
        RenewalRecord failed = RenewalRecord.none("public").failed("x".repeat(5000), now, now.plusSeconds(60));
        store.saveRenewal(failed);
        RenewalRecord read = store.renewal("public");
        assertThat(read.consecutiveFailures()).isEqualTo(1);
        assertThat(read.lastError()).hasSize(4000).endsWith("...");
        assertThat(read.nextAttemptAt()).isEqualTo(now.plusSeconds(60));
        store.saveRenewal(read.succeeded(now));
        assertThat(store.renewal("public").failing()).isFalse();
        assertThat(store.renewal("public").lastSuccessAt()).isEqualTo(now);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runtimeDefinitionsRoundTripAndAreDeletedTogetherWithTheirRenewalRecordAndIssuedCertificate(String database) {
        DataSource dataSource = dataSource(database);
        JdbcAcmeStore store = store(dataSource, cipher());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AcmeCertificateDefinition shop = new AcmeCertificateDefinition("shop", List.of("shop.portal.test", "www.portal.test"),
                "https://ca.test/dir", "ops@portal.test", "https://ca.test/terms", "admin", now);
        store.saveDefinition(shop);
        store.saveDefinition(new AcmeCertificateDefinition("blog", List.of("blog.portal.test"), "https://ca.test/dir", null, null,
                "admin", now.plusSeconds(1)));
        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> store.saveDefinition(shop));
        store.saveRenewal(RenewalRecord.none("shop").failed("refused", "connection", now, now.plusSeconds(60)));
        assertThat(store.renewal("shop").lastProblemType()).isEqualTo("connection");
        JdbcClient.create(dataSource).sql("""
                insert into managed_certificate (name, kind, spec, certificate_chain, private_key, not_before, not_after,
                created_at, updated_at) values ('shop', 'acme', 's', 'c', 'k', ?, ?, ?, ?)""")
            .params(now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC))
            .update();

        assertThat(store.findDefinitions()).containsExactly(shop, new AcmeCertificateDefinition("blog", List.of("blog.portal.test"),
                "https://ca.test/dir", null, null, "admin", now.plusSeconds(1)));

        store.deleteDefinition("shop");

        assertThat(store.findDefinitions()).extracting(AcmeCertificateDefinition::name).containsExactly("blog");
        assertThat(store.renewal("shop")).isEqualTo(RenewalRecord.none("shop"));
        assertThat(JdbcClient.create(dataSource).sql("select count(*) from managed_certificate").query(Integer.class).single())
            .isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void accountsAreKeptPerDirectoryAndContactAndAnAccountStoredByAnEarlierVersionServesTheConfiguredOne(String database) {
        JdbcAcmeStore store = store(dataSource(database), cipher());
        store.saveAccount(new AcmeAccount("https://ca.test/dir", "https://ca.test/acct/1", KeyType.EC_P256.generateKeyPair(),
                Instant.now()));
        AccountSettings configured = new AccountSettings("https://ca.test/dir", "ops@portal.test", true, null);
        AcmeAccounts accounts = new AcmeAccounts(store, configured, java.time.Clock.systemUTC());

        assertThat(configured.key()).isEqualTo("https://ca.test/dir#ops@portal.test");
        assertThat(accounts.exists(configured)).isTrue();
        assertThat(accounts.exists(new AccountSettings("https://ca.test/dir", " OPS@portal.test ", true, null))).isTrue();
        assertThat(accounts.exists(new AccountSettings("https://ca.test/dir", "shop@portal.test", true, null))).isFalse();
        assertThat(accounts.exists(new AccountSettings("https://other.test/dir", "ops@portal.test", true, null))).isFalse();
        assertThat(accounts.exists(new AccountSettings("https://ca.test/dir", null, true, null))).isTrue();
    }

    private DataSource dataSource(String database) {
        DataSource dataSource;
        if ("h2".equals(database)) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:acme" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
        }
        else {
            this.schema = TestPostgres.schema();
            dataSource = new DriverManagerDataSource(this.schema.url(), this.schema.username(), this.schema.password());
        }
        new PortalSchema(dataSource).afterPropertiesSet();
        return dataSource;
    }

    private static JdbcAcmeStore store(DataSource dataSource, SecretCipher cipher) {
        return new JdbcAcmeStore(JdbcClient.create(dataSource), cipher,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private static SecretCipher cipher() {
        byte[] key = new byte[MasterKey.LENGTH];
        new SecureRandom().nextBytes(key);
        return new SecretCipher(new MasterKey(key));
    }

}
