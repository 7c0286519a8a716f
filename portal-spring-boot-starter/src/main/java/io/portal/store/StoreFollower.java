package io.portal.store;

/**
 * A part of the running portal that keeps state of its own in step with the state store:
 * listeners, SSL bundles, settings. Several portals can share one store; each change one
 * of them commits is applied by the others when they next follow the store (at once when
 * the store announces the change, and periodically in any case).
 * <p>
 * Following happens in two rounds: first every follower {@linkplain #follow() follows}
 * (adds and updates, in {@link org.springframework.core.Ordered order}: certificates
 * before the bindings that serve them), then every follower
 * {@linkplain #prune() prunes} in reverse order (bindings stop using a certificate before
 * the certificate goes). Both are idempotent: following a store that did not change does
 * nothing.
 */
public interface StoreFollower extends org.springframework.core.Ordered {

    /**
     * The order of the certificates added at runtime.
     */
    int CERTIFICATES = 100;

    /**
     * The order of the ACME certificates.
     */
    int ACME_CERTIFICATES = 200;

    /**
     * The order of the bindings, which use the certificates.
     */
    int BINDINGS = 300;

    /**
     * The order of the HTTPS settings, which look at the bindings.
     */
    int HTTPS_SETTINGS = 400;

    /**
     * Take on what the store added or changed.
     * @throws RuntimeException if the store cannot be read; what runs stays as it is
     */
    void follow();

    /**
     * Drop what the store no longer has.
     * @throws RuntimeException if the store cannot be read; what runs stays as it is
     */
    default void prune() {
    }

}
