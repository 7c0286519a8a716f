package io.portal;

import io.portal.cli.PortalCli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the portal, or runs one of its shell commands ({@code configure},
 * {@code certificates ...}) when the first argument names one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

    public static void main(String[] args) {
        if (PortalCli.isCommand(args)) {
            System.exit(PortalCli.run(args));
        }
        SpringApplication.run(PortalApplication.class, args);
    }

}
