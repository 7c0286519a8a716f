package io.portal.certificate;

import java.util.List;
import java.util.Map;

/**
 * Certificates added at runtime that another feature obtains and keeps up to date itself
 * (ACME certificates requested through the API or the pages). It registers their bundles
 * and stores them; {@link RuntimeCertificates} lists them with the imported and generated
 * ones, and hands their deletion over to it.
 */
public interface RuntimeCertificateSource {

    /**
     * The kind of these certificates, such as {@code acme}.
     * @return the kind
     */
    String kind();

    /**
     * The names of the certificates this source added.
     * @return the names
     */
    List<String> names();

    /**
     * Remove a certificate: its bundle, and everything stored about it. The caller has
     * made sure no binding uses it.
     * @param name the name, one of {@link #names()}
     * @throws CertificateConflictException if it cannot be removed right now
     */
    void delete(String name);

    /**
     * The configuration that declares a certificate the way it was requested, for the
     * YAML that previews show.
     * @param name the name, one of {@link #names()}
     * @return values by property name, such as {@code portal.certificates.shop.acme.domains};
     * empty if it cannot be declared in configuration
     */
    default Map<String, Object> declaration(String name) {
        return Map.of();
    }

}
