package io.portal.certificate;

import java.time.Instant;

/**
 * How the renewal of a certificate stands, as reported by the feature that renews it.
 *
 * @param temporary whether a temporary certificate is served until the first one is
 * issued
 * @param lastError why the last attempt failed, or {@code null} if it succeeded or none
 * was made
 * @param lastFailureAt when the last attempt failed, or {@code null}
 * @param nextAttemptAt when the next attempt after a failure is due, or {@code null}
 * @param lastRenewedAt when a certificate was last obtained, or {@code null}
 */
public record RenewalStatus(boolean temporary, String lastError, Instant lastFailureAt, Instant nextAttemptAt,
        Instant lastRenewedAt) {

    /**
     * Whether the last attempt to obtain the certificate failed.
     * @return whether renewal is failing
     */
    public boolean failing() {
        return this.lastError != null;
    }

}
