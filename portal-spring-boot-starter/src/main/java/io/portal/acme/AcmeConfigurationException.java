package io.portal.acme;

/**
 * The ACME settings cannot work: no terms accepted, a malformed directory URL, an
 * unreadable trust store, a domain the CA cannot validate. The message names the setting
 * and the cause; {@link #getAction()} says how to fix it. Neither ever contains a secret.
 */
public class AcmeConfigurationException extends RuntimeException {

    private final String setting;

    private final String action;

    public AcmeConfigurationException(String setting, String description, String action) {
        super(description);
        this.setting = setting;
        this.action = action;
    }

    /**
     * The property at fault, such as {@code portal.acme.directory}.
     * @return the property name
     */
    public String getSetting() {
        return this.setting;
    }

    public String getAction() {
        return this.action;
    }

}
