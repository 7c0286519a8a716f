package io.portal.acme;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The TLS trust for talking to the ACME server: the JVM's trusted CAs, plus the
 * certificates of {@code portal.acme.trust-store} for private CAs. Reading a bad trust
 * store fails with a message that names the setting.
 */
final class AcmeTrust {

    static final String SETTING = "portal.acme.trust-store";

    private AcmeTrust() {
    }

    /**
     * The SSL context for the ACME client.
     * @param location the trust-store location, or {@code null} for the JVM's CAs only
     * @param password the password of a PKCS12/JKS store, or {@code null}
     * @return the context
     * @throws AcmeConfigurationException if the trust store cannot be read
     */
    static SSLContext sslContext(String location, String password) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (location == null || location.isBlank()) {
                context.init(null, null, null);
                return context;
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int index = 0;
            for (X509Certificate certificate : jvmCertificates()) {
                trusted.setCertificateEntry("jvm-" + index++, certificate);
            }
            for (X509Certificate certificate : extraCertificates(location, password)) {
                trusted.setCertificateEntry("extra-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            context.init(null, factory.getTrustManagers(), null);
            return context;
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new IllegalStateException("Cannot set up TLS for the ACME client", ex);
        }
    }

    /**
     * The extra certificates a trust store holds.
     * @param location where it is
     * @param password its password, for PKCS12/JKS
     * @return the certificates, never empty
     * @throws AcmeConfigurationException if they cannot be read
     */
    static List<X509Certificate> extraCertificates(String location, String password) {
        byte[] content = read(location);
        String text = new String(content, StandardCharsets.US_ASCII);
        List<X509Certificate> certificates = text.contains("-----BEGIN") ? pem(location, content) : store(location, content, password);
        if (certificates.isEmpty()) {
            throw new AcmeConfigurationException(SETTING, "The ACME trust store " + location + " (" + SETTING
                    + ") holds no certificate.", "Put the CA certificate of your ACME server in it, as PEM or in a "
                            + "PKCS12/JKS trust store.");
        }
        return certificates;
    }

    private static byte[] read(String location) {
        Resource resource = new DefaultResourceLoader().getResource(location);
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        }
        catch (FileNotFoundException ex) {
            throw new AcmeConfigurationException(SETTING, "The ACME trust store " + location + " (" + SETTING
                    + ") does not exist.", "Correct the path in " + SETTING + " (for example file:/etc/portal/acme-ca.pem), "
                            + "or remove it to trust only the JVM's CAs.");
        }
        catch (IOException ex) {
            throw new AcmeConfigurationException(SETTING, "The ACME trust store " + location + " (" + SETTING
                    + ") cannot be read: " + ex.getMessage() + ".", "Make the file readable by the user that runs the portal.");
        }
    }

    private static List<X509Certificate> pem(String location, byte[] content) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            factory.generateCertificates(new ByteArrayInputStream(content))
                .forEach((certificate) -> certificates.add((X509Certificate) certificate));
            return certificates;
        }
        catch (GeneralSecurityException ex) {
            throw new AcmeConfigurationException(SETTING, "The ACME trust store " + location + " (" + SETTING
                    + ") is not valid PEM: " + ex.getMessage() + ".", "Give a file of -----BEGIN CERTIFICATE----- blocks, "
                            + "or a PKCS12/JKS trust store with portal.acme.trust-store-password.");
        }
    }

    private static List<X509Certificate> store(String location, byte[] content, String password) {
        char[] secret = (password != null) ? password.toCharArray() : null;
        Exception failure = null;
        for (String type : List.of("PKCS12", "JKS")) {
            try {
                KeyStore store = KeyStore.getInstance(type);
                store.load(new ByteArrayInputStream(content), secret);
                List<X509Certificate> certificates = new ArrayList<>();
                for (String alias : Collections.list(store.aliases())) {
                    if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                        certificates.add(certificate);
                    }
                }
                return certificates;
            }
            catch (IOException | GeneralSecurityException ex) {
                failure = (failure == null) ? ex : failure;
            }
        }
        boolean wrongPassword = failure.getCause() instanceof java.security.UnrecoverableKeyException
                || String.valueOf(failure.getMessage()).toLowerCase().contains("password");
        throw new AcmeConfigurationException(SETTING, "The ACME trust store " + location + " (" + SETTING + ") cannot be read: "
                + (wrongPassword ? "the password is wrong" : "it is neither PEM nor a PKCS12/JKS key store") + ".",
                wrongPassword ? "Set portal.acme.trust-store-password to the trust store's password."
                        : "Give a PEM file of CA certificates, or a PKCS12/JKS trust store.");
    }

    private static List<X509Certificate> jvmCertificates() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> certificates = new ArrayList<>();
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                certificates.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return certificates;
    }

}
