package io.portal.certificate;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.springframework.boot.ssl.pem.PemContent;

/**
 * PEM encoding and decoding of certificates and unencrypted PKCS#8 private keys.
 */
public final class Pem {

    private Pem() {
    }

    public static String encode(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append(block("CERTIFICATE", certificate.getEncoded()));
            }
            catch (CertificateEncodingException ex) {
                throw new IllegalStateException("Cannot encode certificate " + certificate.getSubjectX500Principal(), ex);
            }
        }
        return pem.toString();
    }

    public static String encode(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    public static List<X509Certificate> certificates(String pem) {
        return PemContent.of(pem).getCertificates();
    }

    public static PrivateKey privateKey(String pem) {
        return PemContent.of(pem).getPrivateKey();
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

}
