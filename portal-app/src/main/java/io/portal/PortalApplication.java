package io.portal;

import io.portal.cli.LocalApiConfiguration;
import io.portal.cli.PortalCli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Starts the portal, or runs one of its shell commands ({@code configure},
 * {@code certificates ...}) when the first argument names one.
 * <p>
 * The portal is the starter ({@code portal-spring-boot-starter}) and the admin part
 * ({@code portal-admin-spring-boot-starter}), both auto-configured, plus the shell's local
 * credential. Nothing is component-scanned.
 */
// Boot's ssl.chain.expiry gauges would duplicate portal.certificates.expiry (CertificateMetrics).
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = SslMetricsAutoConfiguration.class)
@Import(LocalApiConfiguration.class)
public class PortalApplication {

    public static void main(String[] args) {
        if (PortalCli.isCommand(args)) {
            System.exit(PortalCli.run(args));
        }
        SpringApplication.run(PortalApplication.class, args);
    }

}
