package io.portal.certificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.SslBundleRegistry;

/**
 * Registers each certificate under {@code portal.certificates} as the SSL bundle of the
 * same name, obtaining it first: self-signed ones from the store or by generating them,
 * other kinds (ACME) from their {@link ManagedCertificateSource}, which serves a stored or
 * temporary certificate at once and swaps in the real one later.
 */
class ManagedCertificateRegistrar implements SslBundleRegistrar {

    private final CertificatesProperties properties;

    private final SslProperties sslProperties;

    private final SelfSignedCertificates selfSigned;

    private final List<ManagedCertificateSource> sources;

    ManagedCertificateRegistrar(CertificatesProperties properties, SslProperties sslProperties,
            SelfSignedCertificates selfSigned, List<ManagedCertificateSource> sources) {
        this.properties = properties;
        this.sslProperties = sslProperties;
        this.selfSigned = selfSigned;
        this.sources = List.copyOf(sources);
    }

    @Override
    public void registerBundles(SslBundleRegistry registry) {
        this.sources.forEach((source) -> source.attach(registry));
        for (Map.Entry<String, CertificatesProperties.Certificate> entry : this.properties.getCertificates().entrySet()) {
            String name = entry.getKey();
            checkNotAlsoDeclaredInSpring(name);
            registry.registerBundle(name, obtain(name, entry.getValue()).toSslBundle());
        }
    }

    private CertificateAndKey obtain(String name, CertificatesProperties.Certificate certificate) {
        List<String> kinds = new ArrayList<>();
        if (certificate.getSelfSigned() != null) {
            kinds.add("self-signed");
        }
        if (certificate.getAcme() != null) {
            kinds.add("acme");
        }
        String prefix = "portal.certificates." + name;
        if (kinds.isEmpty()) {
            throw new CertificateProblemException(name, prefix, "it declares no kind of certificate",
                    "Declare " + prefix + ".self-signed or " + prefix + ".acme (with its settings), or remove the entry.",
                    List.of());
        }
        if (kinds.size() > 1) {
            throw new CertificateProblemException(name, prefix, "it declares two kinds of certificate (" + String.join(" and ", kinds) + ")",
                    "Keep only one of " + prefix + ".self-signed and " + prefix + ".acme.", List.of());
        }
        if (certificate.getSelfSigned() != null) {
            return this.selfSigned.obtain(name, certificate.getSelfSigned());
        }
        return this.sources.stream()
            .filter((source) -> source.supports(certificate))
            .findFirst()
            .orElseThrow(() -> new CertificateProblemException(name, prefix, "no part of this portal obtains "
                    + kinds.get(0) + " certificates", "Remove " + prefix + "." + kinds.get(0) + ".", List.of()))
            .initial(name, certificate);
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
