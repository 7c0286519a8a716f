package io.portal.https;

import java.time.Duration;
import java.util.Map;

/**
 * The effective settings for forcing HTTPS and HSTS at one moment: configuration, with the
 * settings stored by {@code configure} on top. Immutable.
 *
 * @param redirectHttpToHttps whether HTTP requests are redirected to HTTPS
 * @param redirectStatus the redirect's status
 * @param hstsEnabled whether the Strict-Transport-Security header is sent
 * @param hstsMaxAge the configured max-age
 * @param hstsIncludeSubDomains whether the header covers sub-domains
 * @param hstsPreload whether the header asks for preloading
 * @param hstsRamp whether max-age is raised step by step up to {@code hstsMaxAge}
 */
public record HttpsSettings(boolean redirectHttpToHttps, int redirectStatus, boolean hstsEnabled, Duration hstsMaxAge,
        boolean hstsIncludeSubDomains, boolean hstsPreload, boolean hstsRamp) {

    /**
     * The shortest max-age that browsers' preload lists accept.
     */
    public static final Duration PRELOAD_MIN_MAX_AGE = Duration.ofDays(365);

    /**
     * The settings as configured.
     * @param properties the configuration
     * @return the settings
     */
    public static HttpsSettings of(HttpsProperties properties) {
        HttpsProperties.Hsts hsts = properties.getHsts();
        return new HttpsSettings(properties.isRedirectHttpToHttps(), properties.getRedirectStatus(), hsts.isEnabled(),
                hsts.getMaxAge(), hsts.isIncludeSubDomains(), hsts.isPreload(), hsts.isRamp());
    }

    /**
     * These settings with others laid over them.
     * @param overrides values by setting
     * @return the combined settings
     */
    public HttpsSettings with(Map<HttpsSetting, Object> overrides) {
        HttpsSettings result = this;
        for (Map.Entry<HttpsSetting, Object> entry : overrides.entrySet()) {
            result = result.with(entry.getKey(), entry.getValue());
        }
        return result;
    }

    public HttpsSettings with(HttpsSetting setting, Object value) {
        return switch (setting) {
            case REDIRECT_HTTP_TO_HTTPS -> new HttpsSettings((Boolean) value, this.redirectStatus, this.hstsEnabled,
                    this.hstsMaxAge, this.hstsIncludeSubDomains, this.hstsPreload, this.hstsRamp);
            case REDIRECT_STATUS -> new HttpsSettings(this.redirectHttpToHttps, (Integer) value, this.hstsEnabled,
                    this.hstsMaxAge, this.hstsIncludeSubDomains, this.hstsPreload, this.hstsRamp);
            case HSTS_ENABLED -> new HttpsSettings(this.redirectHttpToHttps, this.redirectStatus, (Boolean) value,
                    this.hstsMaxAge, this.hstsIncludeSubDomains, this.hstsPreload, this.hstsRamp);
            case HSTS_MAX_AGE -> new HttpsSettings(this.redirectHttpToHttps, this.redirectStatus, this.hstsEnabled,
                    (Duration) value, this.hstsIncludeSubDomains, this.hstsPreload, this.hstsRamp);
            case HSTS_INCLUDE_SUB_DOMAINS -> new HttpsSettings(this.redirectHttpToHttps, this.redirectStatus,
                    this.hstsEnabled, this.hstsMaxAge, (Boolean) value, this.hstsPreload, this.hstsRamp);
            case HSTS_PRELOAD -> new HttpsSettings(this.redirectHttpToHttps, this.redirectStatus, this.hstsEnabled,
                    this.hstsMaxAge, this.hstsIncludeSubDomains, (Boolean) value, this.hstsRamp);
            case HSTS_RAMP -> new HttpsSettings(this.redirectHttpToHttps, this.redirectStatus, this.hstsEnabled,
                    this.hstsMaxAge, this.hstsIncludeSubDomains, this.hstsPreload, (Boolean) value);
        };
    }

    public Object get(HttpsSetting setting) {
        return switch (setting) {
            case REDIRECT_HTTP_TO_HTTPS -> this.redirectHttpToHttps;
            case REDIRECT_STATUS -> this.redirectStatus;
            case HSTS_ENABLED -> this.hstsEnabled;
            case HSTS_MAX_AGE -> this.hstsMaxAge;
            case HSTS_INCLUDE_SUB_DOMAINS -> this.hstsIncludeSubDomains;
            case HSTS_PRELOAD -> this.hstsPreload;
            case HSTS_RAMP -> this.hstsRamp;
        };
    }

    /**
     * Check that the settings make sense together, whatever the bindings.
     * @throws InvalidHttpsSettingsException for the first problem found
     */
    public void checkConsistent() {
        if (this.redirectStatus != 301 && this.redirectStatus != 302 && this.redirectStatus != 307
                && this.redirectStatus != 308) {
            throw new InvalidHttpsSettingsException(HttpsSetting.REDIRECT_STATUS, "is " + this.redirectStatus
                    + ", which is not a redirect status the portal sends",
                    "Use 308 (the default: permanent, keeps method and body), 301, 302 or 307.");
        }
        if (this.hstsMaxAge == null || this.hstsMaxAge.isNegative()) {
            throw new InvalidHttpsSettingsException(HttpsSetting.HSTS_MAX_AGE, "is negative",
                    "Use 0 or more seconds, such as 3600, 1h or 365d (0 tells browsers to forget HSTS).");
        }
        boolean shortMaxAge = this.hstsMaxAge.compareTo(PRELOAD_MIN_MAX_AGE) < 0;
        if (this.hstsPreload && (shortMaxAge || !this.hstsIncludeSubDomains)) {
            String missing = shortMaxAge && !this.hstsIncludeSubDomains ? "max-age of at least 365d (it is "
                    + HttpsSetting.formatDuration(this.hstsMaxAge) + ") and include-sub-domains"
                    : shortMaxAge ? "max-age of at least 365d (it is " + HttpsSetting.formatDuration(this.hstsMaxAge) + ")"
                            : "include-sub-domains";
            String set = shortMaxAge && !this.hstsIncludeSubDomains
                    ? "hsts-max-age to 365d or more and hsts-include-sub-domains to true"
                    : shortMaxAge ? "hsts-max-age to 365d or more" : "hsts-include-sub-domains to true";
            String options = (shortMaxAge ? " --hsts-max-age=365d" : "")
                    + (this.hstsIncludeSubDomains ? "" : " --hsts-include-sub-domains=true");
            throw new InvalidHttpsSettingsException(HttpsSetting.HSTS_PRELOAD, "is on, but preload lists also require "
                    + missing, "Also set " + set + " (configure" + options + "), or turn preload off.");
        }
    }

}
