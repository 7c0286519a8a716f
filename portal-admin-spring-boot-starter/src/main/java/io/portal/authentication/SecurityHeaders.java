package io.portal.authentication;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Response headers every chain sends besides Spring Security's defaults: no
 * {@code Referer} to other sites (addresses of the admin pages stay private), and none of
 * the browser's powerful features, which the portal never uses.
 */
final class SecurityHeaders {

    /**
     * The features the portal's pages may use: none.
     */
    static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
            + "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), "
            + "screen-wake-lock=(), xr-spatial-tracking=()";

    private SecurityHeaders() {
    }

    static void customize(HttpSecurity http) throws Exception {
        http.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
            .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)));
    }

}
