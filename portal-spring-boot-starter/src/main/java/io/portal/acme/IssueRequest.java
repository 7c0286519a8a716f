package io.portal.acme;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import io.portal.certificate.KeyType;

/**
 * What to obtain from the CA.
 *
 * @param certificate the certificate's name, for progress and challenges
 * @param domains the domain names, the first also as subject
 * @param keyType the type of the new key
 * @param profile the ACME profile, or {@code null} for the CA's default
 * @param replacing the certificate this one replaces (named in the order where the CA
 * offers ARI), or {@code null}
 * @param account the CA and the account there
 */
record IssueRequest(String certificate, List<String> domains, KeyType keyType, String profile,
        X509Certificate replacing, AccountSettings account) {

    IssueRequest {
        domains = List.copyOf(domains);
    }

    IssueRequest withoutReplacing() {
        return new IssueRequest(this.certificate, this.domains, this.keyType, this.profile, null, this.account);
    }

    Optional<X509Certificate> replaced() {
        return Optional.ofNullable(this.replacing);
    }

}
