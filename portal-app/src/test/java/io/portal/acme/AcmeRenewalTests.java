package io.portal.acme;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.portal.testsupport.Await;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.ManualTime;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.portal.acme.AcmeTestSupport.recordProgress;
import static io.portal.acme.AcmeTestSupport.securePort;
import static io.portal.acme.AcmeTestSupport.served;
import static io.portal.acme.AcmeTestSupport.webPort;
import static io.portal.acme.AcmeTestSupport.withPublicCertificate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled renewal and restarts against the real Pebble ACME server, with time driven
 * through the portal's injected clock and scheduler.
 */
class AcmeRenewalTests {

    @TempDir
    Path dir;

    @Test
    void theSchedulerRenewsAShortLivedCertificateWhileAClientSeesTheNewSerialAndNoFailedRequest() throws Exception {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).validity(Duration.ofHours(1)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            time.runDue();
            X509Certificate first = served(settings);
            assertThat(Duration.between(first.getNotBefore().toInstant(), first.getNotAfter().toInstant()))
                .isLessThanOrEqualTo(Duration.ofHours(1));
            Client client = new Client(securePort(settings));
            try (HttpExchange keptOpen = HttpExchange.connect("https://127.0.0.1:" + securePort(settings) + "/")) {
                assertThat(keptOpen.get("/", true).status()).isEqualTo(200);
                client.start();
                Await.until("the client's first requests", Duration.ofSeconds(10), () -> client.requests.get() > 3);
                List<AcmeProgress> progress = recordProgress(portal);

                // A certificate valid for an hour is renewed when half of it is left.
                time.advance(Duration.between(time.clock().instant(), first.getNotAfter().toInstant().minus(Duration.ofMinutes(31))));
                assertThat(served(settings).getSerialNumber()).isEqualTo(first.getSerialNumber());
                time.advance(Duration.ofMinutes(2));

                X509Certificate renewed = served(settings);
                assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
                assertThat(progress).extracting(AcmeProgress::step).endsWith(AcmeProgress.Step.ISSUED);
                assertThat(progress.get(progress.size() - 1).detail()).startsWith("Renewed certificate 'public'");
                Await.until("the client to see the new serial", Duration.ofSeconds(10),
                        () -> client.serials.contains(renewed.getSerialNumber()));
                assertThat(keptOpen.get("/", true).status()).isEqualTo(200);
            }
            finally {
                client.stop();
            }
            assertThat(client.serials).contains(first.getSerialNumber());
            assertThat(client.failures.get()).isZero();
            assertThat(client.requests.get()).isGreaterThan(5);
            assertThat(portal.bean(MeterRegistry.class).get("portal.certificates.renewals").tag("outcome", "success")
                .counter().count()).isEqualTo(2);
        }
    }

    @Test
    void aRestartWithAValidStoredCertificateMakesNoNewAccountAndNoNewOrder() {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        try (Pebble pebble = Pebble.on(webPort(settings)).start()) {
            pebble.configure(settings);
            ManualTime firstRun = new ManualTime();
            X509Certificate issued;
            try (PortalInstance portal = PortalInstance.start(settings, firstRun)) {
                firstRun.runDue();
                issued = served(settings);
            }
            assertThat(pebble.accountsCreated()).isEqualTo(1);
            assertThat(pebble.ordersCreated()).isEqualTo(1);

            ManualTime secondRun = new ManualTime();
            try (PortalInstance portal = PortalInstance.start(settings, secondRun)) {
                assertThat(served(settings)).isEqualTo(issued);
                secondRun.runDue();
                secondRun.advance(Duration.ofDays(1));
                assertThat(served(settings)).isEqualTo(issued);
            }
            assertThat(pebble.accountsCreated()).isEqualTo(1);
            assertThat(pebble.ordersCreated()).isEqualTo(1);
        }
    }

    @Test
    void aManualRenewalOrdersANewCertificateWithTheSameAccountAndSwapsItIn() {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            time.runDue();
            X509Certificate first = served(settings);

            RenewalOutcome outcome = portal.bean(AcmeCertificateService.class).renewNow("public");

            assertThat(outcome.result()).isEqualTo(RenewalOutcome.Result.ISSUED);
            assertThat(served(settings).getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(pebble.accountsCreated()).isEqualTo(1);
            assertThat(pebble.ordersCreated()).isEqualTo(2);
        }
    }

    /**
     * Makes HTTPS requests on new connections, one after the other, and notes the serial
     * each handshake presented.
     */
    static final class Client {

        final Set<BigInteger> serials = ConcurrentHashMap.newKeySet();

        final AtomicInteger requests = new AtomicInteger();

        final AtomicInteger failures = new AtomicInteger();

        private final AtomicBoolean running = new AtomicBoolean(true);

        private final Thread thread;

        Client(int port) {
            this.thread = new Thread(() -> {
                while (this.running.get()) {
                    try (HttpExchange exchange = HttpExchange.connect("https://127.0.0.1:" + port + "/")) {
                        X509Certificate leaf = (X509Certificate) ((SSLSocket) exchange.socket()).getSession().getPeerCertificates()[0];
                        this.serials.add(leaf.getSerialNumber());
                        if (exchange.get("/", false).status() != 200) {
                            this.failures.incrementAndGet();
                        }
                    }
                    catch (Exception ex) {
                        this.failures.incrementAndGet();
                    }
                    this.requests.incrementAndGet();
                }
            }, "https-client");
        }

        void start() {
            this.thread.start();
        }

        void stop() throws InterruptedException {
            this.running.set(false);
            this.thread.join(10_000);
        }

    }

}
