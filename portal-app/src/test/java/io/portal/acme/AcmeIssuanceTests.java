package io.portal.acme;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.portal.testsupport.Await;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.ManualTime;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.PortalInstance;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;
import org.junit.jupiter.api.io.TempDir;

import static io.portal.acme.AcmeTestSupport.health;
import static io.portal.acme.AcmeTestSupport.healthStatuses;
import static io.portal.acme.AcmeTestSupport.recordProgress;
import static io.portal.acme.AcmeTestSupport.served;
import static io.portal.acme.AcmeTestSupport.servedChain;
import static io.portal.acme.AcmeTestSupport.validatesTo;
import static io.portal.acme.AcmeTestSupport.webPort;
import static io.portal.acme.AcmeTestSupport.withPublicCertificate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * First issuance against the real Pebble ACME server.
 */
class AcmeIssuanceTests {

    @TempDir
    Path dir;

    @Test
    void theListenerServesATemporaryCertificateAtOnceAndThenThePebbleIssuedChainWithoutARestart() throws Exception {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            X509Certificate temporary = served(settings);
            assertThat(temporary.getIssuerX500Principal()).isEqualTo(temporary.getSubjectX500Principal());
            assertThat(temporary.getSubjectX500Principal().getName()).contains("CN=localhost");
            assertThat(healthStatuses(settings)).containsExactly("WARNING", "WARNING");
            List<AcmeProgress> progress = recordProgress(portal);

            time.runDue();

            List<X509Certificate> chain = servedChain(settings);
            X509Certificate root = pebble.root();
            assertThat(chain).hasSize(2);
            assertThat(chain.get(0).getSubjectAlternativeNames()).extracting((name) -> (Object) name.get(1)).containsExactly("localhost");
            assertThat(chain.get(chain.size() - 1).getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
            assertThat(validatesTo(chain, root)).isTrue();
            assertThat(progress).extracting(AcmeProgress::step).containsExactly(AcmeProgress.Step.ACCOUNT,
                    AcmeProgress.Step.ORDER, AcmeProgress.Step.CHALLENGE, AcmeProgress.Step.VALIDATED, AcmeProgress.Step.ISSUED);
            HttpExchange.Response health = health(settings);
            assertThat(health.status()).isEqualTo(200);
            assertThat(healthStatuses(settings)).containsExactly("UP", "UP");
            MeterRegistry meters = portal.bean(MeterRegistry.class);
            assertThat(meters.get("portal.certificates.renewals").tag("bundle", "public").tag("outcome", "success").counter().count())
                .isEqualTo(1);
            assertThat(meters.get("portal.certificates.expiry").tag("bundle", "public").gauge().value())
                .isGreaterThan(Duration.ofDays(300).toSeconds());
        }
    }

    /**
     * The account is registered with the CA while the portal is still being made: a
     * lifecycle that starts before every other (before the web server's) finds it done
     * when it runs what is due on the portal's scheduler, and the portal does not listen yet.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theAccountIsRegisteredWhileThePortalStartsBeforeItListens(CapturedOutput output) {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        AtomicReference<String> logAtFirstLifecycle = new AtomicReference<>();
        ApplicationContextInitializer<ConfigurableApplicationContext> firstLifecycle = (context) -> ((GenericApplicationContext) context)
            .registerBean("firstLifecycle", SmartLifecycle.class, () -> new SmartLifecycle() {

                private volatile boolean running;

                @Override
                public void start() {
                    time.runDue();
                    logAtFirstLifecycle.set(output.toString());
                    this.running = true;
                }

                @Override
                public void stop() {
                    this.running = false;
                }

                @Override
                public boolean isRunning() {
                    return this.running;
                }

                @Override
                public int getPhase() {
                    return Integer.MIN_VALUE;
                }

            });
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time, firstLifecycle)) {
            assertThat(logAtFirstLifecycle.get()).contains("Registered ACME account").doesNotContain("Tomcat started");
            assertThat(output.toString().indexOf("Registered ACME account"))
                .isLessThan(output.toString().indexOf("Tomcat started"));
            time.runDue();
            assertThat(validatesTo(servedChain(settings), pebble.root())).isTrue();
        }
    }

    @Test
    void rightAfterStartupThePortalObtainsTheCertificateInTheBackground() {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings))) {
            X509Certificate root = pebble.root();
            Await.until("the Pebble-issued certificate on the wire", Duration.ofSeconds(60),
                    () -> validatesTo(servedChain(settings), root));
        }
    }

}
