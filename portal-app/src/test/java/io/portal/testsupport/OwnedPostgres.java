package io.portal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server that belongs to one test, so that the test may stop and start it:
 * the Debian server binaries ({@code /usr/lib/postgresql/<version>/bin/initdb} and
 * {@code pg_ctl}, the highest version there, or the directory in
 * {@code PORTAL_TEST_POSTGRES_BIN}) run a cluster in a temporary directory, on a free
 * loopback port, with trust authentication and a database {@code portal}. The shared
 * server (5432) is never touched.
 * <p>
 * PostgreSQL refuses to run as root; as root, the binaries run as the {@code postgres}
 * user (with {@code runuser}), which owns the temporary directory. {@link #stop()} and
 * {@link #start()} keep the data; {@link #close()} stops the server and removes the
 * directory. Without the binaries the test is skipped, or fails when {@code CI=true}.
 */
public final class OwnedPostgres implements AutoCloseable {

    private static final String DATABASE = "portal";

    private final Path bin;

    private final Path directory;

    private final int port;

    private final boolean asPostgresUser;

    private boolean running;

    private OwnedPostgres(Path bin, Path directory, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * Create a cluster in a new temporary directory and start it.
     * @return the running server, with an empty database {@code portal}
     */
    public static OwnedPostgres create() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path directory = Files.createTempDirectory("portal-postgres-");
            if (root) {
                UserPrincipal postgres;
                try {
                    postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                }
                catch (IOException ex) {
                    deleteRecursively(directory);
                    MissingPart.skipOrFail("Tests run as root and there is no 'postgres' user to run the PostgreSQL server as "
                            + "(it refuses root); install the Debian postgresql package, which creates it");
                    throw new IllegalStateException(ex);
                }
                Files.setOwner(directory, postgres);
            }
            OwnedPostgres server = new OwnedPostgres(bin, directory, FreePorts.next(), root);
            server.run(60, "initdb", "-D", server.data().toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                    "--no-sync");
            server.start();
            server.execute("postgres", "create database " + DATABASE);
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Start the server again (on the same port, with the same data) and wait until it
     * accepts connections.
     */
    public void start() {
        run(60, "pg_ctl", "start", "-w", "-t", "60", "-D", data().toString(), "-l", this.directory.resolve("server.log").toString(),
                "-o", "-p " + this.port + " -h 127.0.0.1 -k " + this.directory + " -c fsync=off");
        this.running = true;
    }

    /**
     * Stop the server ({@code pg_ctl stop -m fast}: connections are cut at once) and wait
     * until it is gone.
     */
    public void stop() {
        run(60, "pg_ctl", "stop", "-w", "-m", "fast", "-D", data().toString());
        this.running = false;
    }

    public int port() {
        return this.port;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + DATABASE;
    }

    /**
     * Point a portal's state store at this server.
     * @param settings the portal's settings
     * @return the same settings
     */
    public Map<String, Object> configure(Map<String, Object> settings) {
        settings.put("spring.datasource.url", url());
        settings.put("spring.datasource.username", "postgres");
        settings.put("spring.datasource.password", "");
        return settings;
    }

    /**
     * A connection to the database {@code portal}, for a test to look at the state.
     * @return the connection
     * @throws SQLException if the server does not answer
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    /**
     * What the server logged.
     * @return its log
     */
    public String log() {
        try {
            Path log = this.directory.resolve("server.log");
            return Files.isRegularFile(log) ? Files.readString(log) : "";
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        try {
            if (this.running) {
                stop();
            }
        }
        finally {
            deleteRecursively(this.directory);
        }
    }

    private Path data() {
        return this.directory.resolve("data");
    }

    private void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/" + database,
                "postgres", ""); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("The test's own PostgreSQL on port " + this.port + ": " + sql + ": " + ex.getMessage(),
                    ex);
        }
    }

    /**
     * Run one of the server binaries, as the postgres user when the tests run as root.
     */
    private void run(int timeoutSeconds, String program, String... args) {
        List<String> command = new ArrayList<>();
        if (this.asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(this.bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("portal-postgres-", ".out");
            try {
                Process process = new ProcessBuilder(command).directory(this.directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeoutSeconds + " s:\n"
                            + Files.readString(output) + log());
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed with " + process.exitValue() + ":\n"
                            + Files.readString(output) + log());
                }
            }
            finally {
                Files.deleteIfExists(output);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The directory of {@code initdb} and {@code pg_ctl}: {@code PORTAL_TEST_POSTGRES_BIN},
     * else that of the highest version under {@code /usr/lib/postgresql}.
     */
    private static Path binaries() {
        String configured = System.getenv("PORTAL_TEST_POSTGRES_BIN");
        if (configured != null && !configured.isBlank()) {
            return checked(Path.of(configured));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path highest = versions.filter((version) -> version.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter((version) -> Files.isExecutable(version.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingDouble((version) -> Double.parseDouble(version.getFileName().toString())))
                    .orElse(null);
                if (highest != null) {
                    return checked(highest.resolve("bin"));
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return checked(root.resolve("<version>/bin"));
    }

    private static Path checked(Path bin) {
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            MissingPart.skipOrFail("The PostgreSQL server binaries (initdb, pg_ctl) are not in " + bin + "; install the Debian "
                    + "package postgresql (apt-get install postgresql), or name their directory in PORTAL_TEST_POSTGRES_BIN");
        }
        return bin;
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
