package io.portal.acme;

import java.util.Optional;

/**
 * A request for an ACME certificate cannot be carried out: invalid input, a name that is
 * taken, no HTTP binding to answer the challenge, a CA that cannot be reached. Says which
 * field is at fault, why and how to fix it, in words the API and the pages both show.
 * Nothing has changed when it is thrown.
 */
public class AcmeRequestException extends RuntimeException {

    private final Reason reason;

    private final String field;

    private final String action;

    private final String termsOfService;

    AcmeRequestException(Reason reason, String field, String message, String action) {
        this(reason, field, message, action, null);
    }

    AcmeRequestException(Reason reason, String field, String message, String action, String termsOfService) {
        super(message);
        this.reason = reason;
        this.field = field;
        this.action = action;
        this.termsOfService = termsOfService;
    }

    public Reason getReason() {
        return this.reason;
    }

    /**
     * The request's field at fault ({@code name}, {@code domains}, {@code directory},
     * {@code email}, {@code acceptTermsOfService}), if one is.
     * @return the field
     */
    public Optional<String> getField() {
        return Optional.ofNullable(this.field);
    }

    public String getAction() {
        return this.action;
    }

    /**
     * Where the CA's terms of service are, when they were not accepted.
     * @return their address
     */
    public Optional<String> getTermsOfService() {
        return Optional.ofNullable(this.termsOfService);
    }

    /**
     * Why a request cannot be carried out.
     */
    public enum Reason {

        /**
         * A field is invalid.
         */
        INVALID,

        /**
         * The request conflicts with what exists: the name is taken, or no HTTP binding
         * answers the challenge.
         */
        CONFLICT,

        /**
         * The CA's directory cannot be read.
         */
        CA_UNREACHABLE

    }

}
