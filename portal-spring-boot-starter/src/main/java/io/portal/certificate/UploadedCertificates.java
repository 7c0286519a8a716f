package io.portal.certificate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.ssl.pem.PemContent;

/**
 * Reads certificates that operators upload (PKCS12/PFX, or PEM certificate and key) and
 * checks them the way a TLS server will: the private key is there, belongs to the first
 * certificate, and the chain is in order (leaf first, each certificate issued by the next).
 */
public final class UploadedCertificates {

    private UploadedCertificates() {
    }

    public static CertificateAndKey fromPkcs12(byte[] file, String password) {
        if (file == null || file.length == 0) {
            throw new CertificateImportException("file", "No file was uploaded.", "Attach the PFX/PKCS12 file as the 'file' field.");
        }
        char[] secret = (password != null) ? password.toCharArray() : new char[0];
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(file), secret);
        }
        catch (IOException ex) {
            if (ex.getCause() instanceof UnrecoverableKeyException || String.valueOf(ex.getMessage()).contains("password")) {
                throw new CertificateImportException("password", "The password does not open the PFX file.",
                        "Give the password the file was exported with.");
            }
            throw new CertificateImportException("file", "The file is not a PFX/PKCS12 file (" + ex.getMessage() + ").",
                    "Upload a .pfx/.p12 file, or use the PEM fields for PEM files.");
        }
        catch (GeneralSecurityException ex) {
            throw new CertificateImportException("file", "The PFX file cannot be read (" + ex.getMessage() + ").",
                    "Export it again as PKCS12.");
        }
        try {
            List<String> aliases = Collections.list(store.aliases());
            String alias = null;
            for (String candidate : aliases) {
                if (store.isKeyEntry(candidate)) {
                    alias = candidate;
                    break;
                }
            }
            if (alias == null) {
                throw new CertificateImportException("file", "The PFX file holds certificates but no private key.",
                        "Export the certificate together with its private key.");
            }
            PrivateKey key = (PrivateKey) store.getKey(alias, secret);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) certificate);
            }
            return checked(chain, key, "file");
        }
        catch (UnrecoverableKeyException ex) {
            throw new CertificateImportException("password", "The password does not open the private key in the PFX file.",
                    "Give the private key's password (often the same as the file's).");
        }
        catch (GeneralSecurityException ex) {
            throw new CertificateImportException("file", "The PFX file cannot be read (" + ex.getMessage() + ").",
                    "Export it again as PKCS12.");
        }
    }

    public static CertificateAndKey fromPem(String certificates, String privateKey, String keyPassword) {
        if (certificates == null || certificates.isBlank()) {
            throw new CertificateImportException("certificate", "No certificate was given.",
                    "Paste or upload the certificate chain as PEM, leaf first.");
        }
        if (privateKey == null || privateKey.isBlank()) {
            throw new CertificateImportException("privateKey", "No private key was given.",
                    "Paste or upload the certificate's private key as PEM.");
        }
        List<X509Certificate> chain;
        try {
            PemContent content = PemContent.of(certificates);
            chain = (content != null) ? content.getCertificates() : List.of();
        }
        catch (RuntimeException ex) {
            throw malformed("certificate", "CERTIFICATE");
        }
        if (chain.isEmpty()) {
            throw malformed("certificate", "CERTIFICATE");
        }
        PrivateKey key;
        try {
            PemContent content = PemContent.of(privateKey);
            key = (content != null) ? content.getPrivateKey(keyPassword) : null;
        }
        catch (RuntimeException ex) {
            throw malformed("privateKey", "PRIVATE KEY");
        }
        if (key == null) {
            throw malformed("privateKey", "PRIVATE KEY");
        }
        return checked(chain, key, "privateKey");
    }

    private static CertificateImportException malformed(String field, String type) {
        return new CertificateImportException(field, "The " + (field.equals("certificate") ? "certificate" : "private key")
                + " is not valid PEM.", "Give one or more '-----BEGIN " + type + "-----' blocks as exported by your CA or openssl.");
    }

    private static CertificateAndKey checked(List<X509Certificate> chain, PrivateKey key, String keyField) {
        int owner = CertificateInspector.indexOfKeyOwner(key, chain);
        if (owner > 0) {
            throw new CertificateImportException("certificate", "The chain is out of order: the private key belongs to "
                    + "certificate " + (owner + 1) + " (" + chain.get(owner).getSubjectX500Principal().getName()
                    + "), but the first certificate must be the one the key belongs to.",
                    "Order the chain leaf first, then each issuer (as in fullchain.pem).");
        }
        if (owner < 0) {
            throw new CertificateImportException(keyField, "The private key does not belong to the certificate for "
                    + chain.get(0).getSubjectX500Principal().getName() + ".",
                    "Upload the private key that was generated together with this certificate.");
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate issued = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            boolean signed;
            try {
                issued.verify(issuer.getPublicKey());
                signed = true;
            }
            catch (GeneralSecurityException ex) {
                signed = false;
            }
            if (!signed || !issued.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new CertificateImportException("certificate", "The chain is out of order: certificate " + (i + 2) + " ("
                        + issuer.getSubjectX500Principal().getName() + ") did not issue certificate " + (i + 1) + " ("
                        + issued.getSubjectX500Principal().getName() + ").",
                        "Order the chain leaf first, then each issuer, and leave out certificates that do not belong to it.");
            }
        }
        return new CertificateAndKey(chain, key);
    }

}
