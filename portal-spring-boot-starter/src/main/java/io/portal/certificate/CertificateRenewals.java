package io.portal.certificate;

import java.util.Optional;

/**
 * The renewal state of the certificates a feature renews by itself (ACME), so that health
 * checks and pages can show a failing renewal before the certificate expires.
 */
public interface CertificateRenewals {

    /**
     * The renewal state of one SSL bundle.
     * @param bundle the bundle's name
     * @return its state, or empty if this feature does not renew it
     */
    Optional<RenewalStatus> status(String bundle);

}
