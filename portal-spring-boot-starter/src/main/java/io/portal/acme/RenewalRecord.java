package io.portal.acme;

import java.time.Instant;

/**
 * What the portal remembers about renewing one certificate, kept with it in the store so
 * that a restart honours the backoff and the last error stays visible.
 *
 * @param certificate the certificate's name
 * @param consecutiveFailures failed attempts since the last success
 * @param lastError the last failure, as shown to operators, or {@code null}
 * @param lastProblemType the ACME problem type of the last failure (such as
 * {@code connection}), or {@code null} if the CA sent none
 * @param lastAttemptAt when the last attempt ended, or {@code null}
 * @param nextAttemptAt when to try again after a failure, or {@code null}
 * @param lastSuccessAt when a certificate was last obtained, or {@code null}
 */
record RenewalRecord(String certificate, int consecutiveFailures, String lastError, String lastProblemType,
        Instant lastAttemptAt, Instant nextAttemptAt, Instant lastSuccessAt) {

    static RenewalRecord none(String certificate) {
        return new RenewalRecord(certificate, 0, null, null, null, null, null);
    }

    RenewalRecord succeeded(Instant at) {
        return new RenewalRecord(this.certificate, 0, null, null, at, null, at);
    }

    RenewalRecord failed(String error, Instant at, Instant next) {
        return failed(error, null, at, next);
    }

    RenewalRecord failed(String error, String problemType, Instant at, Instant next) {
        return new RenewalRecord(this.certificate, this.consecutiveFailures + 1, error, problemType, at, next,
                this.lastSuccessAt);
    }

    boolean failing() {
        return this.consecutiveFailures > 0;
    }

}
