package io.portal.acme;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.portal.certificate.RenewalStatus;
import io.portal.testsupport.ManualTime;
import io.portal.testsupport.Pebble;
import io.portal.testsupport.PortalInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.PayloadApplicationEvent;

import static io.portal.acme.AcmeTestSupport.health;
import static io.portal.acme.AcmeTestSupport.healthStatuses;
import static io.portal.acme.AcmeTestSupport.served;
import static io.portal.acme.AcmeTestSupport.servedChain;
import static io.portal.acme.AcmeTestSupport.validatesTo;
import static io.portal.acme.AcmeTestSupport.webPort;
import static io.portal.acme.AcmeTestSupport.withPublicCertificate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the portal does when the CA misbehaves, goes away or refuses, against the real
 * Pebble ACME server.
 */
@ExtendWith(OutputCaptureExtension.class)
class AcmeFaultTests {

    /**
     * The HMAC key Pebble's example configuration gives key id kid-1.
     */
    static final String HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    static final String WRONG_HMAC = "b10lLJs8l1GPIzsLP0s6pMt8O0XVGnfTaCeROxQM0BIt2XrJMDHJZBM5NuQmQJQH";

    @TempDir
    Path dir;

    @Test
    void aCertificateIsIssuedEvenWhenPebbleRejectsHalfOfAllNonces() {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).rejectNonces(50).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            time.runDue();

            assertThat(validatesTo(servedChain(settings), pebble.root())).isTrue();
            assertThat(pebble.log()).contains("Configured to reject 50% of good nonces");
        }
    }

    @Test
    void whenPebbleGoesAwayDuringARenewalTheOldCertificateKeepsServingHealthWarnsAndTheNextRetrySucceeds(
            CapturedOutput output) {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).validity(Duration.ofDays(90)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            time.runDue();
            X509Certificate first = served(settings);
            AtomicBoolean stopped = new AtomicBoolean();
            portal.context().addApplicationListener((PayloadApplicationEvent<AcmeProgress> event) -> {
                if (event.getPayload().step() == AcmeProgress.Step.ORDER && stopped.compareAndSet(false, true)) {
                    pebble.stop();
                }
            });

            // Renewal of a 90-day certificate starts when 30 days are left.
            time.advance(Duration.between(time.clock().instant(), first.getNotAfter().toInstant().minus(Duration.ofDays(29))));

            assertThat(stopped).isTrue();
            assertThat(served(settings)).isEqualTo(first);
            assertThat(healthStatuses(settings)).containsExactly("WARNING", "WARNING");
            assertThat(health(settings).status()).isEqualTo(200);
            RenewalStatus status = portal.bean(AcmeCertificateService.class).status("public").orElseThrow();
            // How a CA that goes away mid-request shows depends on the moment: refused, reset, a
            // request written to a connection the CA has just closed (broken pipe), or a request in
            // flight that never gets its answer.
            assertThat(status.lastError()).contains("cannot be reached")
                .containsAnyOf("connection refused", "Connection refused", "EOF reached", "Connection reset",
                        "Broken pipe", "no answer within the timeout");
            assertThat(status.nextAttemptAt()).isAfter(time.clock().instant().plus(Duration.ofSeconds(50)))
                .isBefore(time.clock().instant().plus(Duration.ofSeconds(70)));
            assertThat(output).contains("Obtaining certificate 'public' failed (attempt 1)")
                .contains("The current certificate (valid until " + first.getNotAfter().toInstant() + ") stays in use");
            assertThat(portal.bean(MeterRegistry.class).get("portal.certificates.renewals").tag("outcome", "failure")
                .counter().count()).isEqualTo(1);

            pebble.start();
            time.advance(Duration.ofMinutes(1));

            X509Certificate renewed = served(settings);
            assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(validatesTo(servedChain(settings), pebble.root())).isTrue();
            assertThat(healthStatuses(settings)).containsExactly("UP", "UP");
            assertThat(portal.bean(AcmeCertificateService.class).status("public").orElseThrow().failing()).isFalse();
        }
    }

    @Test
    void termsOfServiceNotAcceptedStopsStartupWithTheCasTermsAddress(CapturedOutput output) {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        try (Pebble pebble = Pebble.on(webPort(settings)).start()) {
            pebble.configure(settings).put("portal.acme.accept-terms-of-service", false);

            PortalInstance.startExpectingFailure(settings);

            String report = output.toString().substring(output.toString().lastIndexOf("APPLICATION FAILED TO START"));
            assertThat(report).contains("Certificate 'public' (portal.certificates.public.acme) needs an account at "
                    + pebble.directoryUrl() + ", and the CA only creates one for those who accept the terms of service at "
                    + "data:text/plain,Do%20what%20thou%20wilt");
            assertThat(report.substring(report.indexOf("Action:"))).contains("set portal.acme.accept-terms-of-service=true");
            assertThat(pebble.accountsCreated()).isZero();
        }
    }

    @Test
    void externalAccountBindingWithTheRightKeyIdAndHmacGetsACertificate(CapturedOutput output) {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).requireExternalAccount("kid-1", HMAC).start()) {
            pebble.configure(settings);
            settings.put("portal.acme.external-account.key-id", "kid-1");
            settings.put("portal.acme.external-account.hmac-key", HMAC);
            try (PortalInstance portal = PortalInstance.start(settings, time)) {
                time.runDue();

                assertThat(validatesTo(servedChain(settings), pebble.root())).isTrue();
                assertThat(output).contains("with external account key id 'kid-1'").doesNotContain(HMAC);
            }
        }
    }

    @Test
    void externalAccountBindingWithAWrongHmacFailsClearlyAndKeepsTheTemporaryCertificate(CapturedOutput output) {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).requireExternalAccount("kid-1", HMAC).start()) {
            pebble.configure(settings);
            settings.put("portal.acme.external-account.key-id", "kid-1");
            settings.put("portal.acme.external-account.hmac-key", WRONG_HMAC);
            try (PortalInstance portal = PortalInstance.start(settings, time)) {
                time.runDue();

                X509Certificate served = served(settings);
                assertThat(served.getIssuerX500Principal()).isEqualTo(served.getSubjectX500Principal());
                String error = portal.bean(AcmeCertificateService.class).status("public").orElseThrow().lastError();
                assertThat(error).startsWith("The CA refused registering the account: ")
                    .contains("check portal.acme.external-account.key-id ('kid-1') and portal.acme.external-account.hmac-key");
                assertThat(output).contains("Obtaining certificate 'public' failed (attempt 1): " + error)
                    .contains("The temporary certificate stays in use").doesNotContain(WRONG_HMAC).doesNotContain(HMAC);
                assertThat(healthStatuses(settings)).containsExactly("WARNING", "WARNING");
                assertThat(pebble.accountsCreated()).isZero();
            }
        }
    }

    @Test
    void aCaThatRequiresExternalAccountBindingSaysSoWhenNoneIsConfigured() {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).requireExternalAccount("kid-1", HMAC).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            time.runDue();

            assertThat(portal.bean(AcmeCertificateService.class).status("public").orElseThrow().lastError())
                .isEqualTo("The CA at " + pebble.directoryUrl() + " requires an external account binding to create an "
                        + "account. Set portal.acme.external-account.key-id and portal.acme.external-account.hmac-key to "
                        + "the values the CA gave you.");
        }
    }

    @Test
    void aProfileTheCaDoesNotOfferIsReportedWithWhatItOffers() {
        Map<String, Object> settings = withPublicCertificate(PortalInstance.settings(this.dir.resolve("data")));
        settings.put("portal.acme.profile", "shortlived");
        ManualTime time = new ManualTime();
        try (Pebble pebble = Pebble.on(webPort(settings)).start();
                PortalInstance portal = PortalInstance.start(pebble.configure(settings), time)) {
            time.runDue();

            assertThat(portal.bean(AcmeCertificateService.class).status("public").orElseThrow().lastError())
                .isEqualTo("The CA does not offer the profile 'shortlived' (portal.acme.profile); it offers none.");
            assertThat(pebble.ordersCreated()).isZero();
        }
    }

}
