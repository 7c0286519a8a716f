package io.portal.script;

import io.portal.equivalent.ConfigurationYaml;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.portal.acme.AcmeProperties;
import io.portal.certificate.CertificatesProperties;
import io.portal.certificate.ManagedCertificateStore;
import io.portal.certificate.RuntimeCertificateSource;
import io.portal.certificate.RuntimeCertificates;
import io.portal.certificate.SelfSignedCertificates;
import io.portal.certificate.StoredCertificate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;

/**
 * Declares in configuration the certificates that bindings use, so that the YAML a
 * preview shows starts a fresh portal: self-signed certificates in full (names, key type,
 * validity), ACME certificates with their domains and CA, and files (imported
 * certificates, key stores) as placeholders for the operator to supply.
 */
public class CertificateDeclarations {

    private final SslProperties ssl;

    private final CertificatesProperties certificates;

    private final AcmeProperties acme;

    private final RuntimeCertificates runtime;

    private final ManagedCertificateStore store;

    private final ObjectProvider<RuntimeCertificateSource> sources;

    public CertificateDeclarations(SslProperties ssl, CertificatesProperties certificates, AcmeProperties acme,
            RuntimeCertificates runtime, ManagedCertificateStore store, ObjectProvider<RuntimeCertificateSource> sources) {
        this.ssl = ssl;
        this.certificates = certificates;
        this.acme = acme;
        this.runtime = runtime;
        this.store = store;
        this.sources = sources;
    }

    /**
     * Declare a certificate (SSL bundle) by name.
     * @param yaml the configuration to add to
     * @param bundle the bundle's name
     */
    public void declare(ConfigurationYaml yaml, String bundle) {
        if (this.runtime.isRuntime(bundle)) {
            declareRuntime(yaml, bundle);
            return;
        }
        CertificatesProperties.Certificate managed = this.certificates.getCertificates().get(bundle);
        if (managed != null && managed.getSelfSigned() != null) {
            CertificatesProperties.SelfSigned selfSigned = managed.getSelfSigned();
            selfSigned(yaml, bundle, selfSigned.getSubjectAlternativeNames(), selfSigned.getKeyType().id(),
                    selfSigned.getValidity());
        }
        else if (managed != null && managed.getAcme() != null) {
            yaml.put(this.acme.getDirectory(), "portal", "acme", "directory");
            if (this.acme.getEmail() != null) {
                yaml.put(this.acme.getEmail(), "portal", "acme", "email");
            }
            yaml.put(true, "portal", "acme", "accept-terms-of-service");
            yaml.put(List.copyOf(managed.getAcme().getDomains()), "portal", "certificates", bundle, "acme", "domains");
        }
        else if (this.ssl.getBundle().getJks().containsKey(bundle)) {
            keyStore(yaml, bundle, this.ssl.getBundle().getJks().get(bundle));
        }
        else if (this.ssl.getBundle().getPem().containsKey(bundle)) {
            pem(yaml, bundle, this.ssl.getBundle().getPem().get(bundle));
        }
    }

    private void declareRuntime(ConfigurationYaml yaml, String bundle) {
        Map<String, Object> declared = this.sources.orderedStream()
            .filter((source) -> source.names().contains(bundle))
            .findFirst()
            .map((source) -> source.declaration(bundle))
            .orElse(Map.of());
        if (!declared.isEmpty()) {
            declared.forEach((property, value) -> yaml.put(value, property.split("\\.")));
            Object trustStore = declared.get("portal.acme.trust-store");
            if (trustStore != null) {
                yaml.placeholder(String.valueOf(trustStore).replaceFirst("^file:", "") + ": the root certificate (PEM) of the "
                        + "CA of certificate '" + bundle + "'");
            }
            return;
        }
        Optional<StoredCertificate> stored = this.store.find(bundle);
        if (stored.isPresent() && SelfSignedCertificates.KIND.equals(stored.get().kind())) {
            Map<String, String> spec = spec(stored.get().spec());
            List<String> names = Arrays.stream(spec.getOrDefault("subject-alternative-names", "").split(","))
                .filter((name) -> !name.isBlank())
                .toList();
            selfSigned(yaml, bundle, names, spec.getOrDefault("key-type", "ec-p256"),
                    Duration.parse(spec.getOrDefault("validity", "PT8760H")));
            return;
        }
        imported(yaml, bundle);
    }

    /**
     * Declare an imported certificate: PEM files that the operator supplies.
     * @param yaml the configuration to add to
     * @param bundle its name
     */
    public static void imported(ConfigurationYaml yaml, String bundle) {
        String directory = "/etc/portal/" + bundle;
        Map<String, Object> keystore = new LinkedHashMap<>();
        keystore.put("certificate", "file:" + directory + "/fullchain.pem");
        keystore.put("private-key", "file:" + directory + "/privkey.pem");
        yaml.put(keystore, "spring", "ssl", "bundle", "pem", bundle, "keystore");
        yaml.placeholder(directory + "/fullchain.pem and " + directory + "/privkey.pem: the certificate chain (leaf first) "
                + "and private key imported as '" + bundle + "', as PEM files");
    }

    /**
     * Declare a self-signed certificate.
     * @param yaml the configuration to add to
     * @param bundle its name
     * @param names its subject alternative names; empty for this machine's
     * @param keyType the key type, such as {@code ec-p256}
     * @param validity how long it is valid
     */
    public static void selfSigned(ConfigurationYaml yaml, String bundle, List<String> names, String keyType, Duration validity) {
        Map<String, Object> selfSigned = new LinkedHashMap<>();
        if (!names.isEmpty()) {
            selfSigned.put("subject-alternative-names", List.copyOf(names));
        }
        selfSigned.put("key-type", keyType);
        selfSigned.put("validity", duration(validity));
        yaml.put(selfSigned, "portal", "certificates", bundle, "self-signed");
    }

    private static void keyStore(ConfigurationYaml yaml, String bundle, JksSslBundleProperties properties) {
        String location = properties.getKeystore().getLocation();
        Map<String, Object> keystore = new LinkedHashMap<>();
        keystore.put("location", location);
        if (properties.getKeystore().getType() != null) {
            keystore.put("type", properties.getKeystore().getType());
        }
        if (properties.getKeystore().getPassword() != null) {
            String variable = variable(bundle) + "_PASSWORD";
            keystore.put("password", "${" + variable + "}");
            yaml.placeholder("environment variable " + variable + ": the password of " + location);
        }
        yaml.put(keystore, "spring", "ssl", "bundle", "jks", bundle, "keystore");
        if (properties.getKey().getAlias() != null) {
            yaml.put(properties.getKey().getAlias(), "spring", "ssl", "bundle", "jks", bundle, "key", "alias");
        }
        yaml.placeholder(location + ": the key store of SSL bundle '" + bundle + "'");
    }

    private static void pem(ConfigurationYaml yaml, String bundle, PemSslBundleProperties properties) {
        Map<String, Object> keystore = new LinkedHashMap<>();
        keystore.put("certificate", file(yaml, bundle, properties.getKeystore().getCertificate(), "fullchain.pem",
                "certificate chain"));
        keystore.put("private-key", file(yaml, bundle, properties.getKeystore().getPrivateKey(), "privkey.pem", "private key"));
        if (properties.getKeystore().getPrivateKeyPassword() != null) {
            String variable = variable(bundle) + "_KEY_PASSWORD";
            keystore.put("private-key-password", "${" + variable + "}");
            yaml.placeholder("environment variable " + variable + ": the password of the private key of SSL bundle '" + bundle + "'");
        }
        yaml.put(keystore, "spring", "ssl", "bundle", "pem", bundle, "keystore");
    }

    private static String file(ConfigurationYaml yaml, String bundle, String location, String name, String what) {
        String file = (location == null || location.contains("-----BEGIN")) ? "file:/etc/portal/" + bundle + "/" + name : location;
        yaml.placeholder(file + ": the " + what + " of SSL bundle '" + bundle + "' (PEM)");
        return file;
    }

    private static String variable(String bundle) {
        return "PORTAL_" + bundle.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * A validity as the configuration takes it: whole days as {@code 365d}, else seconds.
     */
    static String duration(Duration duration) {
        long seconds = duration.getSeconds();
        return (seconds % 86400 == 0) ? (seconds / 86400) + "d" : seconds + "s";
    }

    /**
     * The settings a self-signed certificate was stored with, such as
     * {@code subject-alternative-names=a,b;key-type=ec-p256;validity=PT8760H}.
     */
    private static Map<String, String> spec(String spec) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : spec.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                values.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        return values;
    }

}
