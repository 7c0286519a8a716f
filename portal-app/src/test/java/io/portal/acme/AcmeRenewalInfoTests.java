package io.portal.acme;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portal.certificate.KeyType;
import io.portal.store.MasterKey;
import io.portal.store.SecretCipher;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import io.portal.store.PortalSchema;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * ACME Renewal Information (ARI, RFC 9773). Debian's Pebble 2.4 predates ARI, so these
 * tests serve a recorded RenewalInfo response (the example of RFC 9773, in the form Let's
 * Encrypt serves) from a directory on loopback and let acme4j parse it, and check that a
 * renewal order names the certificate it replaces. This stand-in CA answers only what
 * these steps need and refuses the order after reading it.
 */
class AcmeRenewalInfoTests {

    private final KeyPair caKeys = KeyType.EC_P256.generateKeyPair();

    private final Map<String, String> requests = new ConcurrentHashMap<>();

    private HttpServer server;

    private String base;

    @BeforeEach
    void startStandInCa() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.base = "http://127.0.0.1:" + this.server.getAddress().getPort();
        this.server.createContext("/", this::answer);
        this.server.start();
    }

    @AfterEach
    void stopStandInCa() {
        this.server.stop(0);
    }

    @Test
    void theRenewalWindowIsReadFromTheCasRenewalInformation() throws Exception {
        X509Certificate certificate = certificate(new BigInteger("1234567890abcdef", 16));

        RenewalWindow window = issuer(true).renewalWindow(account(), certificate).orElseThrow();

        assertThat(window.start()).isEqualTo(Instant.parse("2025-01-02T04:00:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2025-01-03T04:00:00Z"));
        assertThat(window.explanationUrl()).hasValue("https://acme.example.com/docs/ari");
        assertThat(window.retryAfter()).isBetween(Instant.now().plus(Duration.ofHours(5)), Instant.now().plus(Duration.ofHours(7)));
        assertThat(this.requests).containsKey("GET /renewal-info/" + ariIdentifier(certificate));
        assertThat(RenewalPolicy.byWindow(window, Instant.parse("2025-01-01T00:00:00Z"))).isBetween(window.start(), window.end());
        assertThat(RenewalPolicy.byWindow(window, Instant.parse("2025-02-01T00:00:00Z"))).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
    }

    @Test
    void aCaWithoutRenewalInformationLeavesTheDecisionToTheLifetime() throws Exception {
        assertThat(issuer(false).renewalWindow(account(), certificate(BigInteger.TEN))).isEmpty();
    }

    @Test
    void theRenewalOrderNamesTheCertificateItReplaces() throws Exception {
        X509Certificate replaced = certificate(new BigInteger("cafe", 16));

        assertThatExceptionOfType(IssuanceException.class)
            .isThrownBy(() -> issuer(true).issue(new IssueRequest("public", List.of("portal.test"), KeyType.EC_P256, null, replaced, account()), (p) -> { }))
            .withMessage("The CA refused creating the order: the stand-in CA stops here [malformed]");

        String payload = new String(Base64.getUrlDecoder().decode((String) JsonPath.read(this.requests.get("POST /order"), "$.payload")),
                StandardCharsets.UTF_8);
        assertThat((String) JsonPath.read(payload, "$.replaces")).isEqualTo(ariIdentifier(replaced));
        assertThat((List<String>) JsonPath.read(payload, "$.identifiers[*].value")).containsExactly("portal.test");
    }

    @Test
    void withoutRenewalInformationTheOrderDoesNotNameTheReplacedCertificate() throws Exception {
        assertThatExceptionOfType(IssuanceException.class).isThrownBy(() -> issuer(false)
            .issue(new IssueRequest("public", List.of("portal.test"), KeyType.EC_P256, null, certificate(BigInteger.TWO), account()), (p) -> { }));

        String payload = new String(Base64.getUrlDecoder().decode((String) JsonPath.read(this.requests.get("POST /order"), "$.payload")),
                StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain("replaces");
    }

    private CertificateIssuer issuer(boolean ari) throws Exception {
        this.ari = ari;
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:ari" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        new PortalSchema(dataSource).afterPropertiesSet();
        AcmeStore store = store(dataSource);
        store.saveAccount(new AcmeAccount(this.base + "/dir", this.base + "/account/1", KeyType.EC_P256.generateKeyPair(), Instant.now()));
        AcmeSessions sessions = new AcmeSessions(this.base + "/dir", SSLContext.getDefault(), Duration.ofSeconds(5));
        Clock clock = Clock.systemUTC();
        return new AcmeCertificateIssuer(sessions, new AcmeAccounts(store, account(), clock), new Http01Solver(store, clock), clock);
    }

    private AccountSettings account() {
        return new AccountSettings(this.base + "/dir", null, true, null);
    }

    private boolean ari;

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (InputStream in = exchange.getRequestBody()) {
            this.requests.put(exchange.getRequestMethod() + " " + path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().set("Replay-Nonce", "nonce" + System.nanoTime());
        if (path.equals("/dir")) {
            String renewalInfo = this.ari ? ",\"renewalInfo\":\"" + this.base + "/renewal-info\"" : "";
            send(exchange, 200, "application/json", "{\"newNonce\":\"" + this.base + "/nonce\",\"newAccount\":\"" + this.base
                    + "/account\",\"newOrder\":\"" + this.base + "/order\"" + renewalInfo + "}");
        }
        else if (path.equals("/nonce")) {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }
        else if (path.startsWith("/renewal-info/")) {
            exchange.getResponseHeaders().set("Retry-After", "21600");
            try (InputStream recorded = getClass().getResourceAsStream("/acme/renewal-info.json")) {
                send(exchange, 200, "application/json", new String(recorded.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        else {
            send(exchange, 400, "application/problem+json",
                    "{\"type\":\"urn:ietf:params:acme:error:malformed\",\"detail\":\"the stand-in CA stops here\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * The ARI certificate identifier, computed here independently of acme4j: the
     * authority key identifier and the serial number's DER bytes, base64url, joined by a
     * dot (RFC 9773, section 4.1).
     */
    private String ariIdentifier(X509Certificate certificate) throws Exception {
        byte[] keyId = new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(this.caKeys.getPublic()).getKeyIdentifier();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(keyId) + "." + encoder.encodeToString(certificate.getSerialNumber().toByteArray());
    }

    private X509Certificate certificate(BigInteger serial) throws Exception {
        KeyPair leaf = KeyType.EC_P256.generateKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Stand-in CA"), serial,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(89))), new X500Name("CN=portal.test"),
                leaf.getPublic());
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(this.caKeys.getPublic()));
        return new JcaX509CertificateConverter()
            .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(this.caKeys.getPrivate())));
    }

    private static AcmeStore store(DataSource dataSource) {
        byte[] key = new byte[MasterKey.LENGTH];
        new java.security.SecureRandom().nextBytes(key);
        return new JdbcAcmeStore(JdbcClient.create(dataSource), new SecretCipher(new MasterKey(key)),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

}
