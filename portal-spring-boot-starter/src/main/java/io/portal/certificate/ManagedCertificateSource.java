package io.portal.certificate;

import org.springframework.boot.ssl.SslBundleRegistry;

/**
 * Supplies managed certificates of a kind that another feature obtains, such as ACME
 * certificates. The registrar asks it for the certificate a bundle starts with; the source
 * then keeps the bundle up to date itself through the SSL bundle registry.
 */
public interface ManagedCertificateSource {

    /**
     * Called once, at startup, with the registry in which the source's bundles are
     * registered, which it keeps to update them.
     * @param registry the SSL bundle registry
     */
    void attach(SslBundleRegistry registry);

    /**
     * The kind of certificate, as written in configuration
     * ({@code portal.certificates.<name>.<kind>}).
     * @return the kind, such as {@code acme}
     */
    String kind();

    /**
     * Whether the given settings declare this kind of certificate.
     * @param certificate the settings
     * @return whether this source supplies it
     */
    boolean supports(CertificatesProperties.Certificate certificate);

    /**
     * The certificate a bundle is served with from startup on. Returns at once, without
     * waiting for the network: a stored certificate that is still valid, or a temporary
     * one until the real certificate arrives.
     * @param name the certificate's (and SSL bundle's) name
     * @param certificate its settings
     * @return the certificate to serve now
     * @throws CertificateProblemException or another startup exception with a clear
     * message if the settings cannot work
     */
    CertificateAndKey initial(String name, CertificatesProperties.Certificate certificate);

}
