package io.portal.security;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

import io.portal.cli.PortalCli;
import io.portal.system.PortalProperties;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code java -jar portal.jar configure}: force HTTPS and set HSTS, as Octopus'
 * {@code configure --hstsEnabled=true --hstsMaxAge=31556926} does, and show the effective
 * settings. The settings are stored in the state store, where running portals pick them
 * up; when the embedded database is held by a running portal, that portal carries the
 * command out ({@link ConfigureRelay}).
 */
public final class ConfigureCommand implements PortalCli.Command {

    private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String summary() {
        return "Force HTTPS and set HSTS (--redirect-http-to-https, --hsts-enabled, --hsts-max-age=1h, ...), "
                + "--show the settings and their sources, --reset to return to application.yml";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        ConfigureOptions options;
        try {
            options = ConfigureOptions.parse(args);
        }
        catch (IllegalArgumentException ex) {
            err.println(ex.getMessage());
            return 2;
        }
        if (options.isEmpty()) {
            err.println("Nothing to configure. " + ConfigureOptions.USAGE);
            return 2;
        }
        String[] springArgs = options.springArgs().toArray(String[]::new);
        Path dataDir;
        try (ConfigurableApplicationContext settings = settingsOnly(springArgs)) {
            Environment environment = settings.getEnvironment();
            dataDir = Binder.get(environment).bindOrCreate("portal", PortalProperties.class).getDataDir();
            if (ConfigureRelay.isEmbeddedStoreInUse(environment)) {
                return new ConfigureRelay(dataDir).forward(options.commandArgs(), out, err, RELAY_TIMEOUT);
            }
        }
        catch (RuntimeException ex) {
            err.println("The configuration cannot be read: " + rootCause(ex).getMessage());
            return 1;
        }
        try (ConfigurableApplicationContext context = PortalCli.openContext(springArgs)) {
            return context.getBean(HttpsConfigurator.class).execute(options, out, err);
        }
        catch (RuntimeException ex) {
            if (ConfigureRelay.isStoreInUse(ex)) {
                return new ConfigureRelay(dataDir).forward(options.commandArgs(), out, err, RELAY_TIMEOUT);
            }
            err.println("The state store cannot be used: " + rootCause(ex).getMessage());
            return 1;
        }
    }

    /**
     * The configuration as the portal sees it (application.yml, environment, options),
     * without any of its beans: enough to find the state store.
     */
    private static ConfigurableApplicationContext settingsOnly(String[] springArgs) {
        return new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .properties("spring.main.banner-mode=off", "logging.level.root=WARN")
            .run(springArgs);
    }

    @Configuration(proxyBeanMethods = false)
    static class SettingsOnly {

    }

    private static Throwable rootCause(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

}
