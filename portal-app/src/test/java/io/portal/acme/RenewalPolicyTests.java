package io.portal.acme;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import io.portal.testsupport.TestCertificates;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RenewalPolicyTests {

    private final TestCertificates.Issued ca = TestCertificates.ca("Test CA");

    private final Instant start = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aNinetyDayCertificateIsRenewedWhenAThirdOfItsLifetimeIsLeft() {
        X509Certificate certificate = certificate(Duration.ofDays(90));
        assertThat(RenewalPolicy.byLifetime(certificate)).isEqualTo(this.start.plus(Duration.ofDays(60)));
        assertThat(RenewalPolicy.lifetimeReason(certificate)).isEqualTo("a third of its lifetime is left");
    }

    @Test
    void aSixDayCertificateIsRenewedWhenHalfOfItsLifetimeIsLeft() {
        X509Certificate certificate = certificate(Duration.ofDays(6));
        assertThat(RenewalPolicy.byLifetime(certificate)).isEqualTo(this.start.plus(Duration.ofDays(3)));
        assertThat(RenewalPolicy.lifetimeReason(certificate)).isEqualTo("half of its lifetime is left");
    }

    @RepeatedTest(20)
    void withinTheCasRenewalWindowAUniformlyRandomMomentIsChosen() {
        RenewalWindow window = new RenewalWindow(this.start.plus(Duration.ofDays(60)), this.start.plus(Duration.ofDays(62)), null, null);
        assertThat(RenewalPolicy.byWindow(window, this.start)).isBetween(window.start(), window.end());
    }

    @Test
    void aWindowThatHasEndedMeansNow() {
        RenewalWindow window = new RenewalWindow(this.start, this.start.plus(Duration.ofDays(1)), null, null);
        Instant later = this.start.plus(Duration.ofDays(3));
        assertThat(RenewalPolicy.byWindow(window, later)).isEqualTo(later);
    }

    private X509Certificate certificate(Duration lifetime) {
        return TestCertificates.leaf(this.ca, this.start, this.start.plus(lifetime), "portal.test").leaf();
    }


    @Test
    void theCasRetryAfterOnItsRenewalInformationSchedulesTheNextCheck() {
        java.time.Instant now = java.time.Instant.parse("2026-06-01T00:00:00Z");
        Duration interval = Duration.ofHours(12);
        java.time.Instant due = now.plus(Duration.ofDays(20));

        assertThat(RenewalPolicy.nextCheck(now, due, now.plus(Duration.ofHours(6)), interval))
            .isEqualTo(now.plus(Duration.ofHours(6)));
        assertThat(RenewalPolicy.nextCheck(now, due, null, interval)).as("the periodic check comes first").isNull();
        assertThat(RenewalPolicy.nextCheck(now, due, now.plus(Duration.ofDays(2)), interval)).isNull();
        assertThat(RenewalPolicy.nextCheck(now, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(6)), interval))
            .as("due before the CA asks again").isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(RenewalPolicy.nextCheck(now, due, now.minusSeconds(1), interval)).as("a Retry-After that passed")
            .isEqualTo(now.plus(Duration.ofMinutes(1)));
    }

}
