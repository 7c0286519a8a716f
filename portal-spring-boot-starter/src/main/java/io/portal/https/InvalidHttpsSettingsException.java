package io.portal.https;

/**
 * The settings for forcing HTTPS and HSTS cannot be used: a value is out of range, values
 * contradict each other, or HTTPS is forced without an HTTPS binding to redirect to. The
 * message names the setting and the cause; {@link #getAction()} says how to fix it.
 */
public class InvalidHttpsSettingsException extends RuntimeException {

    private final String property;

    private final String action;

    public InvalidHttpsSettingsException(HttpsSetting setting, String reason, String action) {
        this(setting.property(), reason, action);
    }

    public InvalidHttpsSettingsException(String property, String reason, String action) {
        super(property + " " + reason + ".");
        this.property = property;
        this.action = action;
    }

    /**
     * The property at fault, such as {@code portal.hsts.preload}.
     * @return the property name
     */
    public String getProperty() {
        return this.property;
    }

    public String getAction() {
        return this.action;
    }

}
