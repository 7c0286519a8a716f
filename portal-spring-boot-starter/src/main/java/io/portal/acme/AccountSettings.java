package io.portal.acme;

import java.util.Locale;

/**
 * Who the portal is at a CA: the directory, the contact address and whether the CA's
 * terms were accepted. One account is kept per directory and contact address and reused
 * by every certificate with the same choices.
 *
 * @param directory the CA's directory URL
 * @param email the contact address, or {@code null}
 * @param termsAccepted whether the CA's terms of service were accepted
 * @param externalAccount the external account binding, or {@code null} where none applies
 * (it is configured for {@code portal.acme.directory} only)
 */
record AccountSettings(String directory, String email, boolean termsAccepted, AcmeProperties.ExternalAccount externalAccount) {

    AccountSettings {
        email = (email == null || email.isBlank()) ? null : email.trim();
    }

    /**
     * The key the account is stored under: the directory URL, followed by {@code #} and
     * the contact address where there is one.
     * @return the key
     */
    String key() {
        return (this.email != null) ? this.directory + "#" + this.email.toLowerCase(Locale.ROOT) : this.directory;
    }

    boolean hasExternalAccount() {
        return this.externalAccount != null && this.externalAccount.isConfigured();
    }

}
