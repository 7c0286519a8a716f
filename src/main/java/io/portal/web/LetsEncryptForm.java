package io.portal.web;

import java.util.Arrays;
import java.util.List;

import io.portal.acme.AcmeCertificateRequest;

/**
 * The Let's Encrypt wizard's form: the certificate's name and domains, the CA and the
 * account's contact address, and the acceptance of the CA's terms.
 */
public class LetsEncryptForm {

    /**
     * The {@link #getDirectory() directory} choice that means "the URL in
     * {@link #getCustomDirectory()}".
     */
    static final String CUSTOM = "custom";

    private String name;

    private String domains;

    private String email;

    private String directory;

    private String customDirectory;

    private boolean acceptTermsOfService;

    /**
     * The request the form describes, as the API would take it.
     * @return the request
     */
    AcmeCertificateRequest toRequest() {
        return new AcmeCertificateRequest(this.name, domainList(), directoryChoice(), this.email, this.acceptTermsOfService);
    }

    /**
     * The CA chosen: letsencrypt, letsencrypt-staging or a directory URL.
     * @return the choice
     */
    String directoryChoice() {
        return CUSTOM.equals(this.directory) ? ((this.customDirectory != null) ? this.customDirectory.trim() : "") : this.directory;
    }

    List<String> domainList() {
        if (this.domains == null || this.domains.isBlank()) {
            return List.of();
        }
        return Arrays.stream(this.domains.split("[,\\s]+")).filter((s) -> !s.isBlank()).toList();
    }

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDomains() {
        return this.domains;
    }

    public void setDomains(String domains) {
        this.domains = domains;
    }

    public String getEmail() {
        return this.email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getDirectory() {
        return this.directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public String getCustomDirectory() {
        return this.customDirectory;
    }

    public void setCustomDirectory(String customDirectory) {
        this.customDirectory = customDirectory;
    }

    public boolean isAcceptTermsOfService() {
        return this.acceptTermsOfService;
    }

    public void setAcceptTermsOfService(boolean acceptTermsOfService) {
        this.acceptTermsOfService = acceptTermsOfService;
    }

}
