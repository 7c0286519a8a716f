package io.portal.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.portal.system.PortalDefaults;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Finds the portal a shell command is about, from the same configuration the portal reads
 * (application.yml in the working directory, the environment, {@code --name=value}
 * options): the running portal, through the URL and token it left in its data directory
 * ({@link LocalApiFile}), or one named with {@code --url} (and {@code PORTAL_TOKEN});
 * else, while no portal runs, its state store, which must exist: a command never creates
 * one.
 */
final class PortalLocator {

    private final Map<String, String> environment;

    private final Duration timeout;

    PortalLocator(Map<String, String> environment, Duration timeout) {
        this.environment = environment;
        this.timeout = timeout;
    }

    /**
     * Find the portal.
     * @param url the {@code --url} option, or {@code null}
     * @param springArgs the Spring Boot options ({@code --portal.data-dir=...})
     * @return the portal
     * @throws ShellException if there is neither a running portal nor a store, or the
     * portal cannot be used
     */
    Located locate(String url, List<String> springArgs) {
        if (url != null) {
            return remote(url);
        }
        Store store = store(springArgs);
        Path file = LocalApiFile.in(store.dataDir());
        Optional<LocalApiFile> local = LocalApiFile.read(file);
        if (local.isPresent()) {
            AdminClient client = AdminClient.local(local.get(), this.timeout);
            try {
                client.get("/api/settings/https");
                return new Running(client, "the portal running in " + store.dataDir() + " (" + client.base() + ")");
            }
            catch (AdminClient.Unreachable ex) {
                if (!ex.refused()) {
                    throw new ShellException(1, ex.getMessage() + " It was named in " + file + ". Check the portal, or give "
                            + "its address with --url.");
                }
                // Left behind by a portal that was killed: nothing listens there any more.
            }
            catch (AdminClient.Problem ex) {
                if (ex.status() != 401) {
                    throw new ShellException(1, "The portal at " + client.base() + " (named in " + file + ") answered "
                            + ex.status() + ": " + ex.line());
                }
                // Left behind by a portal that was killed: no portal accepts its token.
            }
        }
        if (!store.exists()) {
            throw new ShellException(2, "No portal found: no running portal left its address in " + file + ", and there "
                    + "is no state store at " + store.location() + ". Nothing was created. Run the command in the portal's "
                    + "working directory, or point it at the portal: --portal.data-dir=/path/to/data (with "
                    + "--spring.datasource.url=... for PostgreSQL), or --url=https://host:port with PORTAL_TOKEN set.");
        }
        return new Stopped(springArgs, store.dataDir(), !store.url().startsWith("jdbc:h2:"));
    }

    private Located remote(String url) {
        String token = this.environment.get("PORTAL_TOKEN");
        if (token == null || token.isBlank()) {
            throw new ShellException(2, "--url needs an API token of that portal in PORTAL_TOKEN. Create one there (POST "
                    + "/api/tokens, signed in as admin) and run: PORTAL_TOKEN=ptk_... java -jar portal.jar ...");
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new ShellException(2, "--url=" + url + " is not an http(s) URL. Give the portal's address, such as "
                    + "--url=https://portal.example.com:8443.");
        }
        String caCertificates = this.environment.get("PORTAL_CACERT");
        AdminClient client = AdminClient.remote(url, token.trim(), (caCertificates != null && !caCertificates.isBlank())
                ? Path.of(caCertificates) : null, this.timeout);
        return new Running(client, "the portal at " + client.base());
    }

    /**
     * The store the configuration names, and whether it exists.
     */
    private static Store store(List<String> springArgs) {
        try (ConfigurableApplicationContext context = QuietStart.run(() -> new SpringApplicationBuilder(ConfigurationOnly.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties("logging.level.root=WARN")
            .run(springArgs.toArray(String[]::new)))) {
            Environment environment = context.getEnvironment();
            Path dataDir = Path.of(environment.getProperty("portal.data-dir", "data")).toAbsolutePath().normalize();
            String url = environment.getProperty("spring.datasource.url", PortalDefaults.h2Url(dataDir));
            return new Store(dataDir, url, environment.getProperty("spring.datasource.username", ""),
                    environment.getProperty("spring.datasource.password", ""));
        }
    }

    /**
     * The source of a context that only reads configuration.
     */
    static final class ConfigurationOnly {

    }

    /**
     * Where a portal is.
     */
    sealed interface Located permits Running, Stopped {

    }

    /**
     * A running portal, reached through its admin API.
     *
     * @param client the API client
     * @param description which portal, for messages
     */
    record Running(AdminClient client, String description) implements Located {
    }

    /**
     * No portal runs in the data directory; its state store exists.
     *
     * @param springArgs the options that name the store
     * @param dataDir the data directory
     * @param shared whether the store is a database server that portals elsewhere may
     * share (rather than the embedded database of this data directory)
     */
    record Stopped(List<String> springArgs, Path dataDir, boolean shared) implements Located {
    }

    private record Store(Path dataDir, String url, String username, String password) {

        private static final String H2_FILE = "jdbc:h2:file:";

        String location() {
            if (this.url.startsWith(H2_FILE)) {
                return h2File() + " (the embedded database of data directory " + this.dataDir + ")";
            }
            return this.url;
        }

        private Path h2File() {
            String path = this.url.substring(H2_FILE.length());
            int options = path.indexOf(';');
            return Path.of(((options >= 0) ? path.substring(0, options) : path) + ".mv.db").toAbsolutePath().normalize();
        }

        /**
         * Whether the store exists, without creating it: the embedded database's file, or a
         * database that holds the portal's tables.
         */
        boolean exists() {
            if (this.url.startsWith(H2_FILE)) {
                return Files.isRegularFile(h2File());
            }
            if (this.url.startsWith("jdbc:h2:")) {
                return false;
            }
            try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password);
                    Statement statement = connection.createStatement()) {
                statement.executeQuery("select count(*) from https_setting").close();
                return true;
            }
            catch (SQLException ex) {
                if (ex.getSQLState() != null && ex.getSQLState().startsWith("42")) {
                    return false;
                }
                throw new ShellException(1, "The database " + this.url + " cannot be reached: " + ex.getMessage()
                        + ". Check spring.datasource.url, username and password.");
            }
        }

    }

}
