package io.portal.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates, keys and key store files made at test time: a small CA, leaves it issues,
 * and the broken files operators bring by mistake.
 */
public final class TestCertificates {

    private static final SecureRandom random = new SecureRandom();

    private TestCertificates() {
    }

    /**
     * A key pair with its certificate chain.
     *
     * @param chain leaf first
     * @param key the leaf's private key
     */
    public record Issued(List<X509Certificate> chain, PrivateKey key) {

        public X509Certificate leaf() {
            return this.chain.get(0);
        }

        /**
         * Write a PKCS12 (PFX) file.
         * @param file where
         * @param password the store and key password
         * @param alias the key's alias
         * @return the file
         */
        public Path writePkcs12(Path file, String password, String alias) {
            return writeStore("PKCS12", file, password, alias);
        }

        public Path writeJks(Path file, String password, String alias) {
            return writeStore("JKS", file, password, alias);
        }

        /**
         * Write a PKCS12 file that holds only the certificate, without its private key.
         * @param file where
         * @param password the store password
         * @return the file
         */
        public Path writePkcs12WithoutKey(Path file, String password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setCertificateEntry("certificate", leaf());
                try (OutputStream out = Files.newOutputStream(file)) {
                    store.store(out, password.toCharArray());
                }
                return file;
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }

        public Path writeCertificatePem(Path file) {
            return write(file, pem(this.chain));
        }

        public Path writeKeyPem(Path file) {
            return write(file, pem(this.key));
        }

        private Path writeStore(String type, Path file, String password, String alias) {
            try {
                KeyStore store = KeyStore.getInstance(type);
                store.load(null, null);
                store.setKeyEntry(alias, this.key, password.toCharArray(), this.chain.toArray(Certificate[]::new));
                try (OutputStream out = Files.newOutputStream(file)) {
                    store.store(out, password.toCharArray());
                }
                return file;
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }

    }

    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A self-signed CA.
     * @param name the CA's common name
     * @return the CA
     */
    public static Issued ca(String name) {
        KeyPair keys = ecKeyPair();
        X509Certificate certificate = build(new X500Name("CN=" + name), new X500Name("CN=" + name), keys, keys.getPrivate(),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)), true, List.of());
        return new Issued(List.of(certificate), keys.getPrivate());
    }

    /**
     * A leaf certificate for the given names, issued by a CA, valid from yesterday for a
     * year.
     * @param ca the issuer
     * @param names DNS names and IP addresses
     * @return the leaf with its chain (leaf, CA)
     */
    public static Issued leaf(Issued ca, String... names) {
        return leaf(ca, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)), names);
    }

    public static Issued leaf(Issued ca, Instant notBefore, Instant notAfter, String... names) {
        KeyPair keys = ecKeyPair();
        X509Certificate certificate = build(new X500Name("CN=" + names[0]), new X500Name(ca.leaf().getSubjectX500Principal().getName()),
                keys, ca.key(), notBefore, notAfter, false, List.of(names));
        return new Issued(List.of(certificate, ca.leaf()), keys.getPrivate());
    }

    public static String pem(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append(block("CERTIFICATE", certificate.getEncoded()));
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }
        return pem.toString();
    }

    public static String pem(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    public static Path write(Path file, String content) {
        try {
            Files.writeString(file, content);
            return file;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static X509Certificate build(X500Name subject, X500Name issuer, KeyPair subjectKeys, PrivateKey signingKey,
            Instant notBefore, Instant notAfter, boolean ca, List<String> names) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            if (!names.isEmpty()) {
                GeneralName[] generalNames = names.stream()
                    .map((n) -> Character.isDigit(n.charAt(0)) ? new GeneralName(GeneralName.iPAddress, n)
                            : new GeneralName(GeneralName.dNSName, n))
                    .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(generalNames));
            }
            return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

}
