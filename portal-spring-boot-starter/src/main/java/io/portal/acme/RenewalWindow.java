package io.portal.acme;

import java.time.Instant;
import java.util.Optional;

/**
 * The CA's suggested renewal window for a certificate (ACME Renewal Information, RFC 9773).
 *
 * @param start the earliest suggested renewal time
 * @param end the latest suggested renewal time
 * @param explanation a page that explains the window, or {@code null}
 * @param retryAfter when the CA wants to be asked again, or {@code null}
 */
record RenewalWindow(Instant start, Instant end, String explanation, Instant retryAfter) {

    Optional<String> explanationUrl() {
        return Optional.ofNullable(this.explanation);
    }

}
