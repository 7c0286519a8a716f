package io.portal.acme;

import java.time.Instant;

/**
 * How an attempt to obtain a certificate ended.
 *
 * @param certificate the certificate's name
 * @param result what happened
 * @param message what happened, for people
 * @param nextAttemptAt after a failure, when the next attempt is due; while another node obtains it
 * ({@link Result#BUSY}), when that node's lease runs out; otherwise {@code null}
 */
public record RenewalOutcome(String certificate, Result result, String message, Instant nextAttemptAt) {

    /**
     * Whether the certificate in the store is now a current one.
     * @return whether it succeeded
     */
    public boolean succeeded() {
        return this.result == Result.ISSUED || this.result == Result.ALREADY_CURRENT;
    }

    /**
     * What an attempt did.
     */
    public enum Result {

        /**
         * A new certificate was issued, stored and swapped in.
         */
        ISSUED,

        /**
         * Another node or the shell had just obtained one; it was taken from the store.
         */
        ALREADY_CURRENT,

        /**
         * Another node or the shell is obtaining it right now; it arrives through the
         * store.
         */
        BUSY,

        /**
         * The attempt failed; the working certificate stays in use.
         */
        FAILED

    }

}
