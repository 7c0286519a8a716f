package io.portal.acme;

import java.time.Instant;
import java.util.Optional;

/**
 * Obtaining a certificate failed. The message says at which step and why, with the CA's
 * problem detail where it gave one; it never contains a key or secret. Thrown by this
 * package instead of acme4j's exceptions, which do not leave it.
 */
public class IssuanceException extends RuntimeException {

    private final String problemType;

    private final Instant retryAfter;

    public IssuanceException(String message) {
        this(message, null, null, null);
    }

    public IssuanceException(String message, String problemType, Instant retryAfter, Throwable cause) {
        super(message, cause);
        this.problemType = problemType;
        this.retryAfter = retryAfter;
    }

    /**
     * The ACME problem type without its {@code urn:ietf:params:acme:error:} prefix, such
     * as {@code rateLimited}, when the CA sent a problem document.
     * @return the type
     */
    public Optional<String> problemType() {
        return Optional.ofNullable(this.problemType);
    }

    /**
     * When the CA asked to be contacted again at the earliest (rate limits).
     * @return the instant
     */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(this.retryAfter);
    }

}
