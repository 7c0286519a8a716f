package io.portal.certificate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;

/**
 * Where each SSL bundle was declared, so that a message about a bundle can name the
 * properties that fix it.
 */
public class BundleOrigins {

    private final SslProperties sslProperties;

    private final CertificatesProperties certificatesProperties;

    private final Map<String, String> runtime = new ConcurrentHashMap<>();

    public BundleOrigins(SslProperties sslProperties, CertificatesProperties certificatesProperties) {
        this.sslProperties = sslProperties;
        this.certificatesProperties = certificatesProperties;
    }

    /**
     * Record a bundle registered at runtime rather than declared in configuration.
     * @param bundle the bundle name
     * @param description where it came from
     */
    public void registerRuntime(String bundle, String description) {
        this.runtime.put(bundle, description);
    }

    /**
     * The property prefix that declares a bundle, such as
     * {@code spring.ssl.bundle.jks.web}.
     * @param bundle the bundle name
     * @return the prefix, or a description for bundles not declared in properties
     */
    public String prefix(String bundle) {
        if (this.sslProperties.getBundle().getJks().containsKey(bundle)) {
            return "spring.ssl.bundle.jks." + bundle;
        }
        if (this.sslProperties.getBundle().getPem().containsKey(bundle)) {
            return "spring.ssl.bundle.pem." + bundle;
        }
        if (this.certificatesProperties.getCertificates().containsKey(bundle)) {
            return "portal.certificates." + bundle;
        }
        return this.runtime.getOrDefault(bundle, "bundle " + bundle);
    }

    public boolean isPem(String bundle) {
        return this.sslProperties.getBundle().getPem().containsKey(bundle);
    }

    public boolean isKeyStore(String bundle) {
        return this.sslProperties.getBundle().getJks().containsKey(bundle);
    }

    public boolean isManaged(String bundle) {
        return this.certificatesProperties.getCertificates().containsKey(bundle);
    }

    /**
     * The files a bundle reads, for messages.
     * @param bundle the bundle name
     * @return a short description such as {@code keystore file:/etc/portal/web.p12}
     */
    public String files(String bundle) {
        JksSslBundleProperties jks = this.sslProperties.getBundle().getJks().get(bundle);
        if (jks != null) {
            return "keystore " + jks.getKeystore().getLocation();
        }
        PemSslBundleProperties pem = this.sslProperties.getBundle().getPem().get(bundle);
        if (pem != null) {
            return "certificate " + describe(pem.getKeystore().getCertificate()) + ", private key "
                    + describe(pem.getKeystore().getPrivateKey());
        }
        return "";
    }

    private static String describe(String location) {
        if (location == null) {
            return "(none)";
        }
        return location.contains("-----BEGIN") ? "(inline PEM)" : location;
    }

}
