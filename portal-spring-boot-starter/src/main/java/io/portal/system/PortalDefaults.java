package io.portal.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The defaults the starter needs in any application: an embedded H2 database in the data
 * directory when no {@code spring.datasource.url} is set, and the portal's certificate
 * health in place of Spring Boot's. The portal application adds its own
 * ({@code PortalApplicationDefaults}) to the same property source.
 * <p>
 * The defaults are added as the property source with the lowest precedence, so that any
 * single value can be overridden (for example {@code PORTAL_BINDINGS_SECURE_PORT=443})
 * without restating the rest. A default binding is switched off with
 * {@code portal.bindings.<name>.enabled=false}.
 */
public class PortalDefaults implements EnvironmentPostProcessor, Ordered {

    /**
     * Name of the property source that holds the defaults.
     */
    public static final String PROPERTY_SOURCE_NAME = "portalDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!environment.containsProperty("spring.datasource.url")) {
            Path dataDir = Path.of(environment.getProperty("portal.data-dir", "data"));
            // The shell's commands (no web server) look for a store; they never create one.
            if (application.getWebApplicationType() != WebApplicationType.NONE) {
                createPrivately(dataDir);
            }
            defaults.put("spring.datasource.url", h2Url(dataDir));
        }
        // The portal's "certificates" component replaces Boot's "ssl" one (503 for any expired certificate).
        defaults.put("management.health.ssl.enabled", false);
        // The store's WARNING (reachable again soon, still serving) ranks between down and up.
        defaults.put("management.endpoint.health.status.order", "down,out-of-service,warning,up,unknown");
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }

    /**
     * The JDBC URL of the embedded database kept in the given data directory.
     * <p>
     * {@code WRITE_DELAY=0} makes H2 write each commit to its file before the commit
     * returns. With H2's default (500 ms) a commit is written later by a background thread,
     * so a change the portal had confirmed was lost when the process was killed within
     * about a second of it. Written means handed to the operating system: a killed portal
     * loses nothing; a power failure can still lose the last commits, as H2 does not sync.
     * @param dataDir the data directory
     * @return the JDBC URL
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("portal") + ";WRITE_DELAY=0";
    }

    /**
     * Create the data directory readable by its owner only, as it will hold the database
     * and the master key. An existing directory is left as the operator made it.
     */
    private static void createPrivately(Path dataDir) {
        if (Files.isDirectory(dataDir)) {
            return;
        }
        try {
            if (dataDir.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            else {
                Files.createDirectories(dataDir);
            }
        }
        catch (IOException ex) {
            // The database reports an unwritable data directory with a clearer message.
        }
    }

    /**
     * Before the application's own defaults, which add to the same property source.
     */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

}
