package io.portal.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portal.PortalApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole portal started in this JVM, the way {@code java -jar portal.jar} starts it, with
 * its own data directory and settings given as command-line arguments.
 */
public final class PortalInstance implements AutoCloseable {

    /**
     * The administrator password the test portals are started with.
     */
    public static final String ADMIN_PASSWORD = "test-admin-password-1";

    private final ConfigurableApplicationContext context;

    private PortalInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Settings for a portal in the given data directory, with the default bindings moved
     * to free ports.
     * @param dataDir the data directory
     * @return mutable settings
     */
    public static Map<String, Object> settings(Path dataDir) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("portal.data-dir", dataDir.toString());
        settings.put("portal.bindings.web.port", FreePorts.next());
        settings.put("portal.bindings.secure.port", FreePorts.next());
        settings.put("spring.main.banner-mode", "off");
        settings.put("portal.admin.password", ADMIN_PASSWORD);
        return settings;
    }

    public static PortalInstance start(Map<String, Object> settings) {
        return new PortalInstance(SpringApplication.run(PortalApplication.class, arguments(settings)));
    }

    /**
     * Start a portal with initializers applied to its context before it is refreshed, for
     * example {@link ManualTime} to drive its clock and scheduler.
     * @param settings the settings
     * @param initializers the initializers
     * @return the running portal
     */
    public static PortalInstance start(Map<String, Object> settings, ApplicationContextInitializer<?>... initializers) {
        SpringApplication application = new SpringApplication(PortalApplication.class);
        application.addInitializers(initializers);
        return new PortalInstance(application.run(arguments(settings)));
    }

    /**
     * Start a portal that is expected to fail.
     * @param settings the settings
     * @return the failure
     * @throws AssertionError if it starts
     */
    public static Throwable startExpectingFailure(Map<String, Object> settings, ApplicationContextInitializer<?>... initializers) {
        ConfigurableApplicationContext context = null;
        try {
            SpringApplication application = new SpringApplication(PortalApplication.class);
            application.addInitializers(initializers);
            context = application.run(arguments(settings));
        }
        catch (Throwable ex) {
            return ex;
        }
        context.close();
        throw new AssertionError("The portal started, but it was expected to fail");
    }

    private static String[] arguments(Map<String, Object> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args.toArray(String[]::new);
    }

    public <T> T bean(Class<T> type) {
        return this.context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return this.context;
    }

    /**
     * An admin API client over the {@code web} binding, signed in as the administrator.
     * @return the client
     */
    public AdminApi api() {
        return AdminApi.basic("http://127.0.0.1:" + port("portal.bindings.web.port"), "admin", ADMIN_PASSWORD);
    }

    public int port(String property) {
        return Integer.parseInt(this.context.getEnvironment().getRequiredProperty(property));
    }

    @Override
    public void close() {
        this.context.close();
    }

}
