package io.portal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.portal.acme.AcmeCertificateRequest;

import org.springframework.web.multipart.MultipartFile;

/**
 * The Let's Encrypt wizard's form: the certificate's name and domains, the CA and the
 * account's contact address, the acceptance of the CA's terms and, for another ACME CA
 * with a private root, that root (pasted or uploaded).
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

    private String caCertificates;

    private MultipartFile caCertificatesFile;

    /**
     * The request the form describes, as the API would take it.
     * @return the request
     */
    AcmeCertificateRequest toRequest() {
        return new AcmeCertificateRequest(this.name, domainList(), directoryChoice(), this.email, this.acceptTermsOfService,
                CUSTOM.equals(this.directory) ? this.caCertificates : null);
    }

    /**
     * Take the content of an uploaded CA certificate file into {@link #getCaCertificates()},
     * so that the review step carries it on as text.
     * @throws IOException if the upload cannot be read
     */
    void takeUpload() throws IOException {
        if (this.caCertificatesFile != null && !this.caCertificatesFile.isEmpty()) {
            this.caCertificates = new String(this.caCertificatesFile.getBytes(), StandardCharsets.US_ASCII);
        }
        this.caCertificatesFile = null;
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

    /**
     * The root (and intermediate) certificates, as PEM, of another ACME CA whose TLS
     * certificate is issued by a private CA; trusted for that CA only.
     * @return the PEM text, or {@code null}
     */
    public String getCaCertificates() {
        return this.caCertificates;
    }

    public void setCaCertificates(String caCertificates) {
        this.caCertificates = caCertificates;
    }

    public MultipartFile getCaCertificatesFile() {
        return this.caCertificatesFile;
    }

    public void setCaCertificatesFile(MultipartFile caCertificatesFile) {
        this.caCertificatesFile = caCertificatesFile;
    }

    public boolean isAcceptTermsOfService() {
        return this.acceptTermsOfService;
    }

    public void setAcceptTermsOfService(boolean acceptTermsOfService) {
        this.acceptTermsOfService = acceptTermsOfService;
    }

}
