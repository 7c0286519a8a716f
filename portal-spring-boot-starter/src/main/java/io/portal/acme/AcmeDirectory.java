package io.portal.acme;

/**
 * What a CA's ACME directory says about the CA, for people choosing it.
 *
 * @param url the directory URL
 * @param termsOfService the address of the CA's terms of service, or {@code null} if it
 * publishes none
 * @param website the CA's website, or {@code null}
 * @param externalAccountRequired whether the CA only creates accounts with an external
 * account binding
 */
public record AcmeDirectory(String url, String termsOfService, String website, boolean externalAccountRequired) {

    /**
     * The terms' address if it is one a browser can open as a link (http or https).
     * @return the address, or {@code null}
     */
    public String termsOfServiceLink() {
        return (this.termsOfService != null && (this.termsOfService.startsWith("https://")
                || this.termsOfService.startsWith("http://"))) ? this.termsOfService : null;
    }

}
