package io.portal.store;

/**
 * A stored secret cannot be decrypted. Never carries the secret itself.
 */
public class SecretUnreadableException extends RuntimeException {

    private final String context;

    public SecretUnreadableException(String context, String reason) {
        super("The stored secret '" + context + "' cannot be decrypted: " + reason + ".");
        this.context = context;
    }

    public String getContext() {
        return this.context;
    }

}
