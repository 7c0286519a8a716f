package io.portal.acme;

import java.time.Instant;

/**
 * One step of obtaining an ACME certificate, published as a Spring application event
 * (listen with {@code @EventListener AcmeProgress}) so that pages can show the progress
 * of an order as it happens.
 *
 * @param certificate the certificate's name
 * @param step the step reached
 * @param detail what happened, for people
 * @param at when
 */
public record AcmeProgress(String certificate, Step step, String detail, Instant at) {

    /**
     * The steps of an order, in the order they happen.
     */
    public enum Step {

        /**
         * The account at the CA is ready: reused, or registered.
         */
        ACCOUNT,

        /**
         * The CA accepted the order for the certificate's domains.
         */
        ORDER,

        /**
         * A challenge answer was published and the CA was asked to fetch it.
         */
        CHALLENGE,

        /**
         * The CA validated a domain.
         */
        VALIDATED,

        /**
         * The certificate was issued, stored and swapped in.
         */
        ISSUED,

        /**
         * The attempt failed; the detail has the reason. The certificate in use stays.
         */
        FAILED

    }

}
