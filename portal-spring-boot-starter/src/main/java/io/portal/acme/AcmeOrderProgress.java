package io.portal.acme;

import java.time.Instant;
import java.util.List;

/**
 * How obtaining an ACME certificate stands, for people following it: the stages of the
 * current (or last) attempt, and, after a failure, the CA's explanation and what to check.
 *
 * @param certificate the certificate's name
 * @param domains its domains
 * @param directory the CA's directory URL
 * @param state where it stands
 * @param stages the stages of an order, in order: account, order, challenge, validated,
 * issued
 * @param steps every step recorded during the current or last attempt, in order
 * @param lastError the last failure, with the CA's problem detail, or {@code null}
 * @param problemType the CA's problem type of the last failure, or {@code null}
 * @param advice what to check after a failure, in plain words
 * @param nextAttemptAt when the next attempt after a failure is due, or {@code null}
 * @param lastRenewedAt when a certificate was last obtained, or {@code null}
 * @param temporary whether the temporary self-signed certificate is still served
 */
public record AcmeOrderProgress(String certificate, List<String> domains, String directory, State state,
        List<Stage> stages, List<Step> steps, String lastError, String problemType, List<String> advice,
        Instant nextAttemptAt, Instant lastRenewedAt, boolean temporary) {

    /**
     * Whether the page showing this should look again soon.
     * @return whether something is still to happen without anyone doing anything
     */
    public boolean inProgress() {
        return this.state == State.WAITING || this.state == State.RUNNING;
    }

    /**
     * Where obtaining the certificate stands.
     */
    public enum State {

        /**
         * Requested; the order has not started yet.
         */
        WAITING,

        /**
         * The order is under way.
         */
        RUNNING,

        /**
         * A certificate from the CA is served.
         */
        ISSUED,

        /**
         * The last attempt failed; it is tried again at {@code nextAttemptAt}.
         */
        FAILED

    }

    /**
     * One stage of an order.
     *
     * @param step the step, such as {@code challenge}
     * @param label its name for people
     * @param status {@code done}, {@code running}, {@code failed} or {@code pending}
     * @param detail what happened at it, or {@code null}
     */
    public record Stage(String step, String label, String status, String detail) {
    }

    /**
     * One recorded step.
     *
     * @param step the step, such as {@code order}
     * @param detail what happened
     * @param at when
     */
    public record Step(String step, String detail, Instant at) {
    }

}
