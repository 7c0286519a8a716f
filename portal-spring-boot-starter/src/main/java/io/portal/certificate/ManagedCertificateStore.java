package io.portal.certificate;

import java.util.List;
import java.util.Optional;

/**
 * Storage of managed certificates and their private keys. Implementations encrypt private
 * keys at rest and are safe for use from several threads.
 */
public interface ManagedCertificateStore {

    /**
     * Find a certificate by name.
     * @param name the name
     * @return the certificate, or empty if none is stored under that name
     * @throws io.portal.store.SecretUnreadableException if its private key cannot be
     * decrypted
     */
    Optional<StoredCertificate> find(String name);

    /**
     * Names of all stored certificates.
     * @return the names, sorted
     */
    List<String> names();

    /**
     * Store a certificate, replacing any stored under the same name, all or nothing.
     * @param certificate the certificate
     */
    void save(StoredCertificate certificate);

}
