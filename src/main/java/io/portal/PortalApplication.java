package io.portal;

import io.portal.cli.PortalCli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * Starts the portal, or runs one of its shell commands ({@code configure},
 * {@code certificates ...}) when the first argument names one.
 */
// No generated user until admin authentication comes: its password would be logged.
// Boot's ssl.chain.expiry gauges would duplicate portal.certificates.expiry (CertificateMetrics).
@SpringBootApplication(exclude = { UserDetailsServiceAutoConfiguration.class, SslMetricsAutoConfiguration.class })
@ConfigurationPropertiesScan
public class PortalApplication {

    public static void main(String[] args) {
        if (PortalCli.isCommand(args)) {
            System.exit(PortalCli.run(args));
        }
        SpringApplication.run(PortalApplication.class, args);
    }

}
