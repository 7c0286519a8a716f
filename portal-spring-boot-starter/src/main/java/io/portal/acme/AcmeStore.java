package io.portal.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the ACME feature keeps in the state store, shared by every node and by the shell:
 * accounts (key pairs encrypted), the certificates requested at runtime, pending
 * challenges, renewal bookkeeping and issuance locks. Implementations are safe for use
 * from several threads and processes.
 */
interface AcmeStore {

    /**
     * The account stored under a key (see {@link AccountSettings#key()}: the directory
     * URL, with the contact address where there is one).
     * @param key the account's key
     * @return the account, or empty if none was registered under it
     * @throws io.portal.store.SecretUnreadableException if its key cannot be decrypted
     */
    Optional<AcmeAccount> findAccount(String key);

    /**
     * Store an account, replacing the one under the same key.
     * @param account the account, its {@link AcmeAccount#directory()} holding the key
     */
    void saveAccount(AcmeAccount account);

    /**
     * The ACME certificates requested at runtime.
     * @return their definitions, oldest first
     */
    List<AcmeCertificateDefinition> findDefinitions();

    /**
     * Store the definition of a certificate requested at runtime.
     * @param definition the definition
     * @throws org.springframework.dao.DuplicateKeyException if one of that name exists
     */
    void saveDefinition(AcmeCertificateDefinition definition);

    /**
     * Remove a certificate requested at runtime, all or nothing: its definition, its
     * renewal bookkeeping and the certificate the CA issued for it.
     * @param name the certificate's name
     */
    void deleteDefinition(String name);

    /**
     * Publish a challenge answer, so that every node answers it.
     * @param challenge the challenge
     */
    void putChallenge(PendingChallenge challenge);

    /**
     * The challenge for a token.
     * @param token the token
     * @return the challenge, or empty if none is pending
     */
    Optional<PendingChallenge> findChallenge(String token);

    /**
     * Withdraw a challenge answer.
     * @param token the token
     */
    void removeChallenge(String token);

    /**
     * The renewal bookkeeping of a certificate.
     * @param certificate the certificate's name
     * @return the record, {@linkplain RenewalRecord#none empty} if there is none
     */
    RenewalRecord renewal(String certificate);

    void saveRenewal(RenewalRecord record);

    /**
     * Take the issuance lock of a certificate unless another owner holds it. A lock whose
     * holder did not release it in time (a crashed node) is taken over.
     * @param name the certificate's name
     * @param owner who takes it
     * @param now the current time
     * @param ttl how long the lock holds without being released
     * @return whether the lock is now held by {@code owner}
     */
    boolean tryLock(String name, String owner, Instant now, Duration ttl);

    /**
     * When the issuance lock of a certificate runs out unless its holder extends it.
     * @param name the certificate's name
     * @return the time, empty if no one holds it
     */
    Optional<Instant> lockExpiry(String name);

    /**
     * Extend the lease of a lock that {@code owner} holds, as its heartbeat while the work
     * it guards runs.
     * @param name the certificate's name
     * @param owner who holds it
     * @param now the current time
     * @param ttl how long the lock holds from now without another heartbeat
     * @return whether {@code owner} still held it (else the lease had run out and another
     * owner may have taken it)
     */
    boolean extendLock(String name, String owner, Instant now, Duration ttl);

    /**
     * Release a lock held by {@code owner}; a lock held by another owner is left alone.
     * @param name the certificate's name
     * @param owner who holds it
     */
    void unlock(String name, String owner);

}
