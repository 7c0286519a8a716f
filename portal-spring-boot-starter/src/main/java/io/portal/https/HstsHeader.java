package io.portal.https;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Strict-Transport-Security header: sent on responses to requests made over HTTPS (or
 * marked as HTTPS by a TLS-terminating proxy), never over HTTP, as the current settings and
 * the ramp say. Shared by the Spring Security header writer and the plain servlet filter
 * used where the application has no Spring Security.
 */
final class HstsHeader {

    static final String NAME = "Strict-Transport-Security";

    private HstsHeader() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpsSettings settings, HstsRamp ramp) {
        if (request.isSecure() && settings.hstsEnabled()) {
            response.setHeader(NAME, value(settings, ramp.maxAge(settings)));
        }
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
