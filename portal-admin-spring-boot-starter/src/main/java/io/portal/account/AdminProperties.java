package io.portal.account;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The administrator account and sign-in protection.
 */
@ConfigurationProperties("portal.admin")
@Validated
public class AdminProperties {

    /**
     * Password of the "admin" account, usually given as PORTAL_ADMIN_PASSWORD. When unset
     * at the first start, a random password is generated and printed once to the log.
     * When set, it replaces the stored password at startup (a way back in).
     */
    private String password;

    /**
     * Whether the admin API, the pages and their sign-in are on. Off, the application keeps
     * its own web security (or none), and the portal's HTTPS, certificates and bindings work
     * as with the starter alone.
     */
    private boolean enabled = true;

    /**
     * Failed sign-ins allowed from one client address within the failure window before
     * further attempts are refused.
     */
    @Min(value = 1, message = "must be 1 or more, such as 5 (the default)")
    @Max(value = 1000, message = "must be 1000 or less, such as 5 (the default)")
    private int maxFailedLogins = 5;

    /**
     * Window over which failed sign-ins are counted, and how long a client address is
     * refused once it has too many.
     */
    @DurationMin(seconds = 1, message = "must be at least 1s, such as 5m (the default)")
    @DurationMax(days = 1, message = "must be at most 1d, such as 5m (the default)")
    private Duration failureWindow = Duration.ofMinutes(5);

    /**
     * Whether credentials (passwords, API tokens, the sign-in form) sent over plain HTTP
     * from another machine are refused, with the HTTPS address to use instead. Clients on
     * the portal's own machine (loopback) may always use HTTP; behind a proxy that
     * terminates TLS, set server.forward-headers-strategy=native so that its
     * X-Forwarded-Proto: https counts. Turn off only on a network you trust.
     */
    private boolean requireHttps = true;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

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

    public boolean isRequireHttps() {
        return this.requireHttps;
    }

    public void setRequireHttps(boolean requireHttps) {
        this.requireHttps = requireHttps;
    }

    public Duration getFailureWindow() {
        return this.failureWindow;
    }

    public void setFailureWindow(Duration failureWindow) {
        this.failureWindow = failureWindow;
    }

}
