package io.portal.https;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.springframework.core.io.Resource;

/**
 * Forcing HTTPS and HSTS, as configured in application.yml, the environment or the
 * command line. Settings stored with {@code java -jar portal.jar configure} override
 * these.
 */
@ConfigurationProperties("portal")
@Validated
public class HttpsProperties {

    /**
     * Whether requests that arrive on an HTTP binding are redirected to the same host,
     * path and query on HTTPS. Requests for ACME HTTP-01 challenges
     * (/.well-known/acme-challenge/) are never redirected.
     */
    private boolean redirectHttpToHttps = false;

    /**
     * Status of the redirect to HTTPS: 308 (permanent, keeps method and body), 301, 302
     * or 307.
     */
    private int redirectStatus = 308;

    /**
     * How often a running portal reads the stored settings again (for changes made by
     * another portal sharing the store, or by configure while no portal ran).
     */
    @DurationMin(millis = 100, message = "must be at least 100ms, such as 2s (the default)")
    private Duration settingsRefresh = Duration.ofSeconds(2);

    /**
     * HTTP Strict Transport Security.
     */
    @Valid
    private final Hsts hsts = new Hsts();

    public boolean isRedirectHttpToHttps() {
        return this.redirectHttpToHttps;
    }

    public void setRedirectHttpToHttps(boolean redirectHttpToHttps) {
        this.redirectHttpToHttps = redirectHttpToHttps;
    }

    public int getRedirectStatus() {
        return this.redirectStatus;
    }

    public void setRedirectStatus(int redirectStatus) {
        this.redirectStatus = redirectStatus;
    }

    public Duration getSettingsRefresh() {
        return this.settingsRefresh;
    }

    public void setSettingsRefresh(Duration settingsRefresh) {
        this.settingsRefresh = settingsRefresh;
    }

    public Hsts getHsts() {
        return this.hsts;
    }

    /**
     * The Strict-Transport-Security header, sent on every HTTPS response when enabled.
     */
    public static class Hsts {

        /**
         * Whether to send the header. Browsers that receive it refuse plain HTTP and
         * certificate warnings for the host until max-age has passed.
         */
        private boolean enabled = false;

        /**
         * How long browsers remember to use HTTPS only. A number is seconds. Start short
         * (1h) until HTTPS works everywhere; 365d or more to be preloaded.
         */
        @DurationMin(seconds = 0, message = "must not be negative; such as 1h (the default) or 365d")
        private Duration maxAge = Duration.ofHours(1);

        /**
         * Whether the rule also covers every sub-domain of the host.
         */
        private boolean includeSubDomains = false;

        /**
         * Whether to ask to be included in browsers' built-in HSTS lists
         * (hstspreload.org). Needs max-age of at least 365d and include-sub-domains.
         */
        private boolean preload = false;

        /**
         * Whether to raise max-age step by step (5m, 1h, 1d, 7d, 30d, then max-age) while
         * every HTTPS binding serves a trusted, unexpired certificate, falling back to the
         * first step when one does not.
         */
        private boolean ramp = false;

        /**
         * PEM files of CA certificates that your users' browsers trust besides the public
         * CAs of the Java trust store, such as a company CA. Certificates they issue count
         * as trusted for the HSTS warnings and the ramp.
         */
        private List<Resource> trustedCaCertificates = new ArrayList<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getMaxAge() {
            return this.maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

        public boolean isIncludeSubDomains() {
            return this.includeSubDomains;
        }

        public void setIncludeSubDomains(boolean includeSubDomains) {
            this.includeSubDomains = includeSubDomains;
        }

        public boolean isPreload() {
            return this.preload;
        }

        public void setPreload(boolean preload) {
            this.preload = preload;
        }

        public boolean isRamp() {
            return this.ramp;
        }

        public void setRamp(boolean ramp) {
            this.ramp = ramp;
        }

        public List<Resource> getTrustedCaCertificates() {
            return this.trustedCaCertificates;
        }

        public void setTrustedCaCertificates(List<Resource> trustedCaCertificates) {
            this.trustedCaCertificates = trustedCaCertificates;
        }

    }

}
