package io.portal.https;

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

    private final Supplier<HttpsSettings> settings;

    private final HstsRamp ramp;

    HstsHeaderWriter(Supplier<HttpsSettings> settings, HstsRamp ramp) {
        this.settings = settings;
        this.ramp = ramp;
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        HstsHeader.write(request, response, this.settings.get(), this.ramp);
    }

    static String value(HttpsSettings settings, Duration maxAge) {
        return HstsHeader.value(settings, maxAge);
    }

}
