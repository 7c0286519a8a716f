package io.portal.certificate;

/**
 * An uploaded or requested certificate is not acceptable. Names the field at fault, the
 * cause and the fix; never carries a password or key material.
 */
public class CertificateImportException extends RuntimeException {

    private final String field;

    private final String action;

    public CertificateImportException(String field, String message, String action) {
        super(message);
        this.field = field;
        this.action = action;
    }

    public String getField() {
        return this.field;
    }

    public String getAction() {
        return this.action;
    }

}
