package io.portal.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator account and sign-in protection.
 */
@ConfigurationProperties("portal.admin")
public class AdminProperties {

    /**
     * Password of the "admin" account, usually given as PORTAL_ADMIN_PASSWORD. When unset
     * at the first start, a random password is generated and printed once to the log.
     * When set, it replaces the stored password at startup (a way back in).
     */
    private String password;

    /**
     * Failed sign-ins allowed from one client address within the failure window before
     * further attempts are refused.
     */
    private int maxFailedLogins = 5;

    /**
     * Window over which failed sign-ins are counted, and how long a client address is
     * refused once it has too many.
     */
    private Duration failureWindow = Duration.ofMinutes(5);

    public String getPassword() {
        return this.password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getMaxFailedLogins() {
        return this.maxFailedLogins;
    }

    public void setMaxFailedLogins(int maxFailedLogins) {
        this.maxFailedLogins = maxFailedLogins;
    }

    public Duration getFailureWindow() {
        return this.failureWindow;
    }

    public void setFailureWindow(Duration failureWindow) {
        this.failureWindow = failureWindow;
    }

}
