package io.portal.certificate;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.SslBundleRegistry;

/**
 * Registers each certificate under {@code portal.certificates} as the SSL bundle of the
 * same name, obtaining it first (from the store, or by generating it).
 */
class ManagedCertificateRegistrar implements SslBundleRegistrar {

    private final CertificatesProperties properties;

    private final SslProperties sslProperties;

    private final SelfSignedCertificates selfSigned;

    ManagedCertificateRegistrar(CertificatesProperties properties, SslProperties sslProperties,
            SelfSignedCertificates selfSigned) {
        this.properties = properties;
        this.sslProperties = sslProperties;
        this.selfSigned = selfSigned;
    }

    @Override
    public void registerBundles(SslBundleRegistry registry) {
        for (Map.Entry<String, CertificatesProperties.Certificate> entry : this.properties.getCertificates().entrySet()) {
            String name = entry.getKey();
            checkNotAlsoDeclaredInSpring(name);
            CertificatesProperties.Certificate certificate = entry.getValue();
            if (certificate.getSelfSigned() == null) {
                throw new CertificateProblemException(name, "portal.certificates." + name, "it declares no kind of certificate",
                        "Declare portal.certificates." + name + ".self-signed (with its settings), or remove the entry.",
                        List.of());
            }
            registry.registerBundle(name, this.selfSigned.obtain(name, certificate.getSelfSigned()).toSslBundle());
        }
    }

    private void checkNotAlsoDeclaredInSpring(String name) {
        String other = this.sslProperties.getBundle().getJks().containsKey(name) ? "spring.ssl.bundle.jks." + name
                : this.sslProperties.getBundle().getPem().containsKey(name) ? "spring.ssl.bundle.pem." + name : null;
        if (other != null) {
            throw new CertificateProblemException(name, "portal.certificates." + name,
                    "it is declared twice, also as " + other,
                    "Keep one of portal.certificates." + name + " and " + other + ", or rename one of them.", List.of());
        }
    }

}
