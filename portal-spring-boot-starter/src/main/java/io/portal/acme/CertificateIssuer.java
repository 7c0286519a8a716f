package io.portal.acme;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Consumer;

import io.portal.certificate.CertificateAndKey;

/**
 * Obtains certificates from a CA. Implementations are thread-safe and block until the
 * certificate is issued or the attempt failed.
 */
interface CertificateIssuer {

    /**
     * Obtain a certificate: account, order, challenges, finalization, download.
     * @param request what to obtain
     * @param progress told of each step as it happens
     * @return the certificate chain and its new private key
     * @throws IssuanceException if it fails, with the reason
     */
    CertificateAndKey issue(IssueRequest request, Consumer<AcmeProgress> progress);

    /**
     * Get the account ready (registering it if there is none yet), so that a following
     * {@link #issue} starts with the order. Called while the portal is still starting.
     * @param account the CA and the account there
     * @param progress told what happened
     * @throws IssuanceException if the CA cannot be reached or refuses the account
     */
    void prepare(AccountSettings account, Consumer<String> progress);

    /**
     * The CA's suggested renewal window for a certificate it issued, where the CA offers
     * renewal information (ARI).
     * @param account the CA that issued it and the account there
     * @param certificate the certificate
     * @return the window, or empty if the CA does not offer ARI or no account is stored yet
     * @throws IssuanceException if the CA offers ARI but cannot be asked
     */
    Optional<RenewalWindow> renewalWindow(AccountSettings account, X509Certificate certificate);

}
