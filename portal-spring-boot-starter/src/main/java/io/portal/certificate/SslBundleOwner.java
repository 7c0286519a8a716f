package io.portal.certificate;

/**
 * A feature that registers SSL bundles at startup and changes them afterwards (swaps,
 * additions and removals at runtime). The registry's bean hands itself to each owner once,
 * as it is made, and the owner keeps it: the registry depends on its owners, never the
 * other way round.
 */
public interface SslBundleOwner {

    /**
     * Register this feature's bundles; keep the registry to change them later.
     * @param registry the portal's SSL bundle registry
     */
    void registerBundles(PortalSslBundleRegistry registry);

}
