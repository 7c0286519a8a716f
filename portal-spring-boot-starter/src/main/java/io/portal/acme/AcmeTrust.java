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
 * certificates of {@code portal.acme.trust-store} for private CAs, plus, for one CA only,
 * the roots given with a certificate requested from it at runtime. Reading a bad trust
 * store fails with a message that names the setting.
 */
final class AcmeTrust {

    static final String SETTING = "portal.acme.trust-store";

    /**
     * The longest PEM text of CA certificates accepted for one CA.
     */
    static final int MAX_PEM_CHARS = 16 * 1024;

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
        return sslContext((location == null || location.isBlank()) ? List.of() : extraCertificates(location, password));
    }

    /**
     * The SSL context for the ACME client that trusts the JVM's CAs and some more.
     * @param extra the certificates trusted besides the JVM's
     * @return the context
     */
    static SSLContext sslContext(List<X509Certificate> extra) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (extra.isEmpty()) {
                context.init(null, null, null);
                return context;
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int index = 0;
            for (X509Certificate certificate : jvmCertificates()) {
                trusted.setCertificateEntry("jvm-" + index++, certificate);
            }
            for (X509Certificate certificate : extra) {
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

    /**
     * The CA certificates of PEM text that an operator pasted or uploaded for one CA.
     * @param pem the text
     * @return the certificates; empty for blank text
     * @throws AcmeRequestException naming the field if the text is not PEM certificates
     */
    static List<X509Certificate> pemText(String pem) {
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "caCertificates", "The CA certificates "
                    + "are " + pem.length() + " characters long; at most " + MAX_PEM_CHARS + " are accepted.",
                    "Give only the root (and, if needed, intermediate) certificate of the CA's TLS certificate.");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            if (pem.contains("-----BEGIN CERTIFICATE-----")) {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                factory.generateCertificates(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)))
                    .forEach((certificate) -> certificates.add((X509Certificate) certificate));
            }
        }
        catch (GeneralSecurityException | RuntimeException ex) {
            certificates.clear();
        }
        if (certificates.isEmpty()) {
            throw new AcmeRequestException(AcmeRequestException.Reason.INVALID, "caCertificates", "The CA certificates are "
                    + "not PEM certificates.", "Paste or upload the CA's root certificate as one or more "
                            + "'-----BEGIN CERTIFICATE-----' blocks (for step-ca: root_ca.crt; for Pebble: its /roots/0).");
        }
        return certificates;
    }

    /**
     * PEM text of certificates, for storing them.
     * @param certificates the certificates
     * @return the text, or {@code null} for none
     */
    static String pem(List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            return null;
        }
        return io.portal.certificate.Pem.encode(certificates);
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
