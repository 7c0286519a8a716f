package io.portal.certificate;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.portal.testsupport.TestCertificates;
import io.portal.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateTrustTests {

    private final Issued ca = TestCertificates.ca("Company CA");

    private final Issued leaf = TestCertificates.leaf(this.ca, "portal.company.test");

    @Test
    void aCertificateFromAnUnknownCaIsNotTrusted() {
        CertificateTrust.Verdict verdict = CertificateTrust.jvmDefaultAnd(List.of()).check(this.leaf.chain(), Instant.now());
        assertThat(verdict.trusted()).isFalse();
        assertThat(verdict.reason()).isEqualTo("it is issued by CN=Company CA, which is not a trusted CA");
    }

    @Test
    void aCertificateFromACaTrustedInAdditionIsTrustedWithOrWithoutTheCaInTheChain() {
        CertificateTrust trust = CertificateTrust.jvmDefaultAnd(List.of(this.ca.leaf()));
        assertThat(trust.check(this.leaf.chain(), Instant.now()).trusted()).isTrue();
        assertThat(trust.check(List.of(this.leaf.leaf()), Instant.now()).trusted()).isTrue();
    }

    @Test
    void aSelfSignedCertificateIsNotTrusted() {
        CertificateTrust.Verdict verdict = CertificateTrust.jvmDefaultAnd(List.of()).check(this.ca.chain(), Instant.now());
        assertThat(verdict).isEqualTo(new CertificateTrust.Verdict(false, "it is self-signed"));
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsNotTrustedEvenFromATrustedCa() {
        CertificateTrust trust = CertificateTrust.of(List.of(this.ca.leaf()));
        Instant notAfter = this.leaf.leaf().getNotAfter().toInstant();
        assertThat(trust.check(this.leaf.chain(), notAfter.plus(Duration.ofMinutes(1))).reason())
            .isEqualTo("it expired on " + notAfter);
        Instant notBefore = this.leaf.leaf().getNotBefore().toInstant();
        assertThat(trust.check(this.leaf.chain(), notBefore.minus(Duration.ofMinutes(1))).reason())
            .isEqualTo("it is not valid until " + notBefore);
    }

    @Test
    void theCasOfTheJvmsTrustStoreAreTrusted() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509Certificate publicRoot = ((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers()[0];
        Instant during = publicRoot.getNotBefore().toInstant().plus(Duration.ofDays(1));
        assertThat(CertificateTrust.jvmDefaultAnd(List.of()).check(List.of(publicRoot), during).trusted()).isTrue();
        assertThat(CertificateTrust.of(List.of(this.ca.leaf())).check(List.of(publicRoot), during).trusted()).isFalse();
    }

}
