package io.portal.certificate;

/**
 * A certificate operation conflicts with the current state: the name is taken, the
 * certificate is declared in configuration, or a binding still uses it.
 */
public class CertificateConflictException extends RuntimeException {

    private final String action;

    public CertificateConflictException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String getAction() {
        return this.action;
    }

}
