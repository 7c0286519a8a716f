package io.portal.acme;

import java.nio.file.Path;

import io.portal.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AcmeTrustTests {

    @TempDir
    Path dir;

    private final TestCertificates.Issued ca = TestCertificates.ca("Private ACME CA");

    @Test
    void aPemFileOfCaCertificatesIsRead() {
        Path pem = TestCertificates.write(this.dir.resolve("ca.pem"), TestCertificates.pem(this.ca.chain()));
        assertThat(AcmeTrust.extraCertificates("file:" + pem, null)).containsExactly(this.ca.leaf());
    }

    @Test
    void aPkcs12OrJksTrustStoreIsReadWithItsPassword() {
        Path p12 = this.ca.writePkcs12(this.dir.resolve("ca.p12"), "secret", "ca");
        Path jks = this.ca.writeJks(this.dir.resolve("ca.jks"), "secret", "ca");
        assertThat(AcmeTrust.extraCertificates("file:" + p12, "secret")).containsExactly(this.ca.leaf());
        assertThat(AcmeTrust.extraCertificates("file:" + jks, "secret")).containsExactly(this.ca.leaf());
    }

    @Test
    void aWrongPasswordIsNamedAsSuch() {
        Path p12 = this.ca.writePkcs12(this.dir.resolve("ca.p12"), "secret", "ca");
        assertThatExceptionOfType(AcmeConfigurationException.class)
            .isThrownBy(() -> AcmeTrust.extraCertificates("file:" + p12, "wrong"))
            .withMessage("The ACME trust store file:" + p12 + " (portal.acme.trust-store) cannot be read: the password is wrong.")
            .satisfies((ex) -> assertThat(ex.getAction()).isEqualTo("Set portal.acme.trust-store-password to the trust store's password."));
    }

    @Test
    void aFileThatIsNeitherPemNorAKeyStoreIsRefused() {
        Path junk = TestCertificates.write(this.dir.resolve("ca.txt"), "hello");
        assertThatExceptionOfType(AcmeConfigurationException.class)
            .isThrownBy(() -> AcmeTrust.extraCertificates("file:" + junk, null))
            .withMessageContaining("it is neither PEM nor a PKCS12/JKS key store");
    }

}
