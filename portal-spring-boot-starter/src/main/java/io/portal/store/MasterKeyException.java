package io.portal.store;

/**
 * The master key cannot be used: it is malformed, missing while encrypted data exists, or
 * different from the key that encrypted the stored data.
 */
public class MasterKeyException extends RuntimeException {

    private final String action;

    public MasterKeyException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String getAction() {
        return this.action;
    }

}
