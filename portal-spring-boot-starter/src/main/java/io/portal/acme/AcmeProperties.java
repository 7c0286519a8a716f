package io.portal.acme;

import java.time.Duration;

import io.portal.certificate.KeyType;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The ACME CA the portal obtains certificates from, and the account it uses there. The
 * certificates themselves are declared under {@code portal.certificates.<name>.acme}.
 */
@ConfigurationProperties("portal.acme")
@Validated
public class AcmeProperties {

    /**
     * Let's Encrypt production directory URL.
     */
    public static final String LETSENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";

    /**
     * Let's Encrypt staging directory URL.
     */
    public static final String LETSENCRYPT_STAGING = "https://acme-staging-v02.api.letsencrypt.org/directory";

    /**
     * The CA: letsencrypt, letsencrypt-staging (untrusted certificates, generous rate
     * limits, for trying things out), or the https URL of any ACME directory.
     */
    private String directory = "letsencrypt";

    /**
     * Contact address for the account, where the CA may write about problems with it.
     * Optional.
     */
    private String email;

    /**
     * Whether you accept the CA's terms of service. Required: no account is created
     * without it. The startup error names the terms' address.
     */
    private boolean acceptTermsOfService;

    /**
     * Key type of the certificates' keys: ec-p256, rsa-2048, rsa-3072 or rsa-4096. A new
     * key is made for every certificate.
     */
    private KeyType keyType = KeyType.EC_P256;

    /**
     * Extra CA certificates to trust when talking to the ACME server, for private CAs
     * (step-ca, Pebble): a PEM file of certificates, or a PKCS12/JKS trust store (then set
     * trust-store-password). Added to the JVM's trusted CAs. Example:
     * file:/etc/portal/acme-ca.pem.
     */
    private String trustStore;

    /**
     * Password of a PKCS12/JKS trust-store.
     */
    private String trustStorePassword;

    /**
     * ACME profile to ask for (for example shortlived), if the CA offers profiles.
     */
    private String profile;

    /**
     * How often the certificates are checked for renewal. The first check after startup
     * happens at a random point of this interval, so that many portals do not ask the CA
     * at the same moment.
     */
    @DurationMin(minutes = 1, message = "must be at least 1m, such as 12h (the default)")
    private Duration checkInterval = Duration.ofHours(12);

    /**
     * How often the state store is read for certificates that another node or the
     * 'certificates renew' command obtained, which are then swapped in.
     */
    @DurationMin(millis = 100, message = "must be at least 100ms, such as 5s (the default)")
    private Duration pollInterval = Duration.ofSeconds(5);

    /**
     * Timeout of each request to the CA.
     */
    @DurationMin(seconds = 1, message = "must be at least 1s, such as 30s (the default)")
    private Duration timeout = Duration.ofSeconds(30);

    /**
     * External account binding, for CAs that require one (ZeroSSL, Google, SSL.com,
     * private CAs).
     */
    private final ExternalAccount externalAccount = new ExternalAccount();

    /**
     * The directory URL, with the Let's Encrypt names resolved.
     * @return the URL
     */
    public String directoryUrl() {
        return directoryUrl(this.directory);
    }

    /**
     * A directory URL, with the Let's Encrypt names resolved.
     * @param directory letsencrypt, letsencrypt-staging or a URL
     * @return the URL, or {@code null} for {@code null}
     */
    public static String directoryUrl(String directory) {
        if (directory == null) {
            return null;
        }
        return switch (directory.trim().toLowerCase()) {
            case "letsencrypt" -> LETSENCRYPT;
            case "letsencrypt-staging" -> LETSENCRYPT_STAGING;
            default -> directory.trim();
        };
    }

    public String getDirectory() {
        return this.directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public String getEmail() {
        return this.email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public boolean isAcceptTermsOfService() {
        return this.acceptTermsOfService;
    }

    public void setAcceptTermsOfService(boolean acceptTermsOfService) {
        this.acceptTermsOfService = acceptTermsOfService;
    }

    public KeyType getKeyType() {
        return this.keyType;
    }

    public void setKeyType(KeyType keyType) {
        this.keyType = keyType;
    }

    public String getTrustStore() {
        return this.trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return this.trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getProfile() {
        return this.profile;
    }

    public void setProfile(String profile) {
        this.profile = profile;
    }

    public Duration getCheckInterval() {
        return this.checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    public Duration getPollInterval() {
        return this.pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public ExternalAccount getExternalAccount() {
        return this.externalAccount;
    }

    /**
     * External account binding: the key identifier and HMAC key the CA gave you.
     */
    public static class ExternalAccount {

        /**
         * Key identifier from the CA.
         */
        private String keyId;

        /**
         * HMAC key from the CA, base64url encoded. A secret: give it as an environment
         * variable (PORTAL_ACME_EXTERNAL_ACCOUNT_HMAC_KEY). Only used when the account is
         * created.
         */
        private String hmacKey;

        public String getKeyId() {
            return this.keyId;
        }

        public void setKeyId(String keyId) {
            this.keyId = keyId;
        }

        public String getHmacKey() {
            return this.hmacKey;
        }

        public void setHmacKey(String hmacKey) {
            this.hmacKey = hmacKey;
        }

        public boolean isConfigured() {
            return this.keyId != null && !this.keyId.isBlank();
        }

        @Override
        public String toString() {
            return "ExternalAccount[keyId=" + this.keyId + ", hmacKey=" + ((this.hmacKey != null) ? "(set)" : "(none)") + "]";
        }

    }

}
