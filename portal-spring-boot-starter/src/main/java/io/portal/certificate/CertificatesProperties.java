package io.portal.certificate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Certificates the portal manages itself. Each entry becomes an SSL bundle of the same
 * name, usable by any binding.
 */
@ConfigurationProperties("portal")
@Validated
public class CertificatesProperties {

    /**
     * Portal-managed certificates by name. Each is registered as the SSL bundle of that
     * name.
     */
    @Valid
    private final Map<String, Certificate> certificates = new LinkedHashMap<>();

    public Map<String, Certificate> getCertificates() {
        return this.certificates;
    }

    /**
     * One managed certificate. Exactly one kind must be set.
     */
    public static class Certificate {

        /**
         * A self-signed certificate that the portal generates and keeps in its state
         * store. For testing: browsers will not trust it.
         */
        @Valid
        private SelfSigned selfSigned;

        /**
         * A certificate from an ACME CA such as Let's Encrypt, obtained and renewed by the
         * portal. The CA and the account are set under portal.acme.
         */
        private Acme acme;

        public SelfSigned getSelfSigned() {
            return this.selfSigned;
        }

        public void setSelfSigned(SelfSigned selfSigned) {
            this.selfSigned = selfSigned;
        }

        public Acme getAcme() {
            return this.acme;
        }

        public void setAcme(Acme acme) {
            this.acme = acme;
        }

    }

    /**
     * Settings of a certificate obtained from an ACME CA.
     */
    public static class Acme {

        /**
         * Domain names the certificate covers, the first one also as its subject. Each
         * must point at this portal: the CA checks them by fetching a token from
         * http://NAME/.well-known/acme-challenge/ (port 80), which any HTTP binding
         * answers.
         */
        private List<String> domains = new ArrayList<>();

        public List<String> getDomains() {
            return this.domains;
        }

        public void setDomains(List<String> domains) {
            this.domains = domains;
        }

    }

    /**
     * Settings of a generated self-signed certificate.
     */
    public static class SelfSigned {

        /**
         * Host names and IP addresses the certificate is valid for. When empty:
         * localhost, 127.0.0.1 and this machine's host name.
         */
        private List<String> subjectAlternativeNames = new ArrayList<>();

        /**
         * Key type: ec-p256, rsa-2048, rsa-3072 or rsa-4096.
         */
        private KeyType keyType = KeyType.EC_P256;

        /**
         * How long the certificate is valid. It is generated again at startup once less
         * than a third of this remains.
         */
        @DurationMin(hours = 1, message = "must be at least 1h, such as 365d (the default)")
        private Duration validity = Duration.ofDays(365);

        public List<String> getSubjectAlternativeNames() {
            return this.subjectAlternativeNames;
        }

        public void setSubjectAlternativeNames(List<String> subjectAlternativeNames) {
            this.subjectAlternativeNames = subjectAlternativeNames;
        }

        public KeyType getKeyType() {
            return this.keyType;
        }

        public void setKeyType(KeyType keyType) {
            this.keyType = keyType;
        }

        public Duration getValidity() {
            return this.validity;
        }

        public void setValidity(Duration validity) {
            this.validity = validity;
        }

    }

}
