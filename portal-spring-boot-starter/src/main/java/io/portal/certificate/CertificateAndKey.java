package io.portal.certificate;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;

/**
 * A certificate chain, leaf first, with the leaf's private key.
 *
 * @param chain the chain, leaf first
 * @param privateKey the leaf's private key
 */
public record CertificateAndKey(List<X509Certificate> chain, PrivateKey privateKey) {

    public CertificateAndKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A certificate chain needs at least one certificate");
        }
    }

    public X509Certificate leaf() {
        return this.chain.get(0);
    }

    /**
     * An SSL bundle that serves this chain and key.
     * @return the bundle
     */
    public SslBundle toSslBundle() {
        return SslBundle.of(new PemSslStoreBundle(PemSslStore.of(this.chain, this.privateKey), null));
    }

    @Override
    public String toString() {
        return "CertificateAndKey[subject=" + leaf().getSubjectX500Principal().getName() + "]";
    }

}
