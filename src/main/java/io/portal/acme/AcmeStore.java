package io.portal.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the ACME feature keeps in the state store, shared by every node and by the shell:
 * accounts (key pairs encrypted), pending challenges, renewal bookkeeping and issuance
 * locks. Implementations are safe for use from several threads and processes.
 */
interface AcmeStore {

    /**
     * The account at a CA.
     * @param directory the CA's directory URL
     * @return the account, or empty if none was registered there
     * @throws io.portal.store.SecretUnreadableException if its key cannot be decrypted
     */
    Optional<AcmeAccount> findAccount(String directory);

    /**
     * Store an account, replacing the one at the same CA.
     * @param account the account
     */
    void saveAccount(AcmeAccount account);

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
     * Release a lock held by {@code owner}; a lock held by another owner is left alone.
     * @param name the certificate's name
     * @param owner who holds it
     */
    void unlock(String name, String owner);

}
