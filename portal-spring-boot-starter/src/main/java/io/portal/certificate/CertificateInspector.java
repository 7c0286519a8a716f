package io.portal.certificate;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;

/**
 * Loads an SSL bundle the way a TLS server will and checks that it can serve: the store
 * opens, it holds a private key under the expected alias, and the key belongs to the
 * certificate. Any failure becomes a {@link CertificateProblemException} that names the
 * cause and the fix.
 */
public class CertificateInspector {

    private static final byte[] PROBE = "portal key match probe".getBytes(StandardCharsets.US_ASCII);

    private final BundleOrigins origins;

    private final Clock clock;

    public CertificateInspector(BundleOrigins origins, Clock clock) {
        this.origins = origins;
        this.clock = clock;
    }

    /**
     * Inspect a bundle.
     * @param name the bundle's name
     * @param bundle the bundle
     * @return what it serves
     * @throws CertificateProblemException if it cannot serve TLS
     */
    public CertificateSummary inspect(String name, SslBundle bundle) {
        KeyStore keyStore = loadKeyStore(name, bundle);
        if (keyStore == null) {
            throw problem(name, "it has no key store, so it has no certificate and private key to serve",
                    "Give the bundle a certificate and its private key: keystore.location for PKCS12/JKS, or "
                            + "keystore.certificate and keystore.private-key for PEM.");
        }
        try {
            SslBundleKey key = bundle.getKey();
            List<String> aliases = Collections.list(keyStore.aliases());
            String alias = key.getAlias();
            if (alias != null && !keyStore.containsAlias(alias)) {
                throw problem(name, "the alias '" + alias + "' is not in the key store, which holds " + quoted(aliases),
                        "Set " + this.origins.prefix(name) + ".key.alias to one of " + quoted(aliases)
                                + ", or remove it to use the only private key.");
            }
            if (alias == null) {
                alias = aliases.stream().filter((a) -> isKeyEntry(keyStore, a)).findFirst().orElse(null);
                if (alias == null) {
                    throw noPrivateKey(name, aliases.isEmpty() ? "the key store is empty"
                            : "the key store holds only certificates (" + quoted(aliases) + "), no private key");
                }
            }
            else if (!keyStore.isKeyEntry(alias)) {
                throw noPrivateKey(name, "the entry '" + alias + "' is a certificate without its private key");
            }
            PrivateKey privateKey = privateKey(name, keyStore, alias, bundle);
            List<X509Certificate> chain = chain(keyStore.getCertificateChain(alias));
            if (chain.isEmpty()) {
                throw noPrivateKey(name, "the entry '" + alias + "' has no certificate chain");
            }
            int owner = indexOfKeyOwner(privateKey, chain);
            if (owner > 0) {
                throw problem(name, "its certificate chain is out of order: the private key belongs to certificate " + (owner + 1)
                        + " (" + chain.get(owner).getSubjectX500Principal().getName() + "), not to the first one",
                        "Order the chain leaf first, then each issuer (as in fullchain.pem), in " + this.origins.prefix(name) + ".");
            }
            if (owner < 0) {
                throw problem(name, "the private key does not belong to the certificate for "
                        + chain.get(0).getSubjectX500Principal().getName(),
                        "Pair the certificate with the private key that was generated with it: check that "
                                + this.origins.prefix(name) + " points at files from the same issuance.");
            }
            return CertificateSummary.of(name, chain, this.clock);
        }
        catch (KeyStoreException ex) {
            throw problem(name, "its key store cannot be read: " + safeMessage(ex), "Check the key store file.");
        }
    }

    private KeyStore loadKeyStore(String name, SslBundle bundle) {
        try {
            return bundle.getStores().getKeyStore();
        }
        catch (RuntimeException ex) {
            throw classify(name, ex);
        }
    }

    private PrivateKey privateKey(String name, KeyStore keyStore, String alias, SslBundle bundle) {
        String password = bundle.getKey().getPassword();
        if (password == null) {
            password = bundle.getStores().getKeyStorePassword();
        }
        try {
            return (PrivateKey) keyStore.getKey(alias, (password != null) ? password.toCharArray() : new char[0]);
        }
        catch (UnrecoverableKeyException ex) {
            throw problem(name, "the password of the private key '" + alias + "' is wrong",
                    "Set " + this.origins.prefix(name) + ".key.password to the private key's password (often the "
                            + "same as the key store password).");
        }
        catch (GeneralSecurityException ex) {
            throw problem(name, "the private key '" + alias + "' cannot be read: " + safeMessage(ex),
                    "Check the key store file.");
        }
    }

    private CertificateProblemException classify(String name, RuntimeException ex) {
        String prefix = this.origins.prefix(name);
        String files = this.origins.files(name);
        Throwable missing = find(ex, NoSuchFileException.class, FileNotFoundException.class);
        if (missing != null) {
            return problem(name, "a file it names does not exist (" + files + ")",
                    "Correct the path in " + prefix + "; relative paths are resolved against the working directory "
                            + Path.of("").toAbsolutePath() + ".");
        }
        if (find(ex, AccessDeniedException.class) != null) {
            return problem(name, "a file it names cannot be read: permission denied (" + files + ")",
                    "Let the user that runs the portal read the file (for example chmod 640 and the right group).");
        }
        if (find(ex, UnrecoverableKeyException.class) != null || containsMessage(ex, "password")) {
            return problem(name, "the key store password is wrong (" + files + ")",
                    "Set " + prefix + ".keystore.password to the password the file was exported with.");
        }
        if (this.origins.isPem(name)) {
            return problem(name, "its PEM content cannot be parsed: " + safeMessage(rootCause(ex)) + " (" + files + ")",
                    "Give " + prefix + ".keystore.certificate as '-----BEGIN CERTIFICATE-----' blocks (leaf first) and "
                            + prefix + ".keystore.private-key as a '-----BEGIN PRIVATE KEY-----' block (set "
                            + "private-key-password for an encrypted key).");
        }
        if (this.origins.isKeyStore(name)) {
            return problem(name, "the file is not a readable key store: " + safeMessage(rootCause(ex)) + " (" + files + ")",
                    "Check " + prefix + ".keystore.type (PKCS12 for .pfx/.p12, JKS for .jks); PEM files belong under "
                            + "spring.ssl.bundle.pem.");
        }
        return problem(name, "it cannot be loaded: " + safeMessage(rootCause(ex)), "Check the bundle's configuration in " + prefix + ".");
    }

    private CertificateProblemException noPrivateKey(String name, String reason) {
        return problem(name, reason,
                "Use a file that contains the private key: export the PFX/PKCS12 with its private key, or give PEM "
                        + "certificate and private-key files.");
    }

    private CertificateProblemException problem(String name, String reason, String action) {
        return new CertificateProblemException(name, this.origins.prefix(name), reason, action, List.of());
    }

    /**
     * Which certificate of a chain a private key belongs to.
     * @param privateKey the key
     * @param chain the chain, leaf first when in order
     * @return the index of the certificate, or -1 when it belongs to none (or to a CA
     * certificate after the first)
     */
    static int indexOfKeyOwner(PrivateKey privateKey, List<X509Certificate> chain) {
        for (int i = 0; i < chain.size(); i++) {
            // A CA's key is not a server's key, wherever its certificate stands.
            boolean serverCertificate = i == 0 || chain.get(i).getBasicConstraints() < 0;
            if (serverCertificate && matches(privateKey, chain.get(i).getPublicKey())) {
                return i;
            }
        }
        return -1;
    }

    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())
                && !(algorithm.startsWith("Ed") && publicKey.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        }
        catch (GeneralSecurityException ex) {
            return false;
        }
    }

    private static boolean isKeyEntry(KeyStore keyStore, String alias) {
        try {
            return keyStore.isKeyEntry(alias);
        }
        catch (KeyStoreException ex) {
            return false;
        }
    }

    private static List<X509Certificate> chain(Certificate[] certificates) {
        List<X509Certificate> chain = new ArrayList<>();
        if (certificates != null) {
            for (Certificate certificate : certificates) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        }
        return chain;
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map((v) -> "'" + v + "'").toList());
    }

    @SafeVarargs
    private static Throwable find(Throwable ex, Class<? extends Throwable>... types) {
        for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static boolean containsMessage(Throwable ex, String text) {
        for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
            if (candidate.getMessage() != null && candidate.getMessage().toLowerCase().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * An exception's message with anything that looks like PEM content cut off, so that
     * key material never reaches a log or a response.
     * @param ex the exception
     * @return the message
     */
    static String safeMessage(Throwable ex) {
        String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
        int pem = message.indexOf("-----BEGIN");
        return (pem >= 0) ? message.substring(0, pem) + "[PEM content omitted]" : message;
    }

}
