package io.portal.security;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;

/**
 * Writes Strict-Transport-Security on every response to a request made over HTTPS (or
 * marked as HTTPS by a TLS-terminating proxy), never over HTTP, as the current settings
 * and the ramp say. Takes the place of Spring Security's writer of the same name, which is
 * configured once at startup.
 */
final class HstsHeaderWriter implements HeaderWriter {

    static final String HEADER = "Strict-Transport-Security";

    private final Supplier<HttpsSettings> settings;

    private final HstsRamp ramp;

    HstsHeaderWriter(Supplier<HttpsSettings> settings, HstsRamp ramp) {
        this.settings = settings;
        this.ramp = ramp;
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        HttpsSettings current = this.settings.get();
        if (!request.isSecure() || !current.hstsEnabled()) {
            return;
        }
        response.setHeader(HEADER, value(current, this.ramp.maxAge(current)));
    }

    /**
     * The header's value. {@code preload} is only sent with a max-age that preload lists
     * accept, so a ramp asks for preloading only once it reaches a year.
     * @param settings the settings
     * @param maxAge the max-age to send
     * @return the value, such as {@code max-age=3600; includeSubDomains}
     */
    static String value(HttpsSettings settings, Duration maxAge) {
        StringBuilder value = new StringBuilder("max-age=").append(maxAge.getSeconds());
        if (settings.hstsIncludeSubDomains()) {
            value.append("; includeSubDomains");
        }
        if (settings.hstsPreload() && maxAge.compareTo(HttpsSettings.PRELOAD_MIN_MAX_AGE) >= 0) {
            value.append("; preload");
        }
        return value.toString();
    }

}
