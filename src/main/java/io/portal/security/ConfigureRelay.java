package io.portal.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

/**
 * Hands a {@code configure} command to the running portal when the shell cannot open the
 * state store itself: the embedded H2 database admits one process at a time, and the
 * running portal is that process. The shell writes the command's arguments as a request
 * file into {@code <data-dir>/configure-requests}, the portal carries it out at its next
 * settings refresh and writes the output back, and the shell prints it. The data
 * directory is readable by its owner only, so the request files need no other protection.
 */
final class ConfigureRelay {

    static final String DIRECTORY = "configure-requests";

    private static final String REQUEST = ".request";

    private static final String RESPONSE = ".response";

    /**
     * H2's error code for "Database may be already in use".
     */
    private static final int H2_DATABASE_IN_USE = 90020;

    private static final Duration STALE = Duration.ofMinutes(1);

    private static final Log logger = LogFactory.getLog(ConfigureRelay.class);

    private final Path directory;

    ConfigureRelay(Path dataDir) {
        this.directory = dataDir.resolve(DIRECTORY);
    }

    /**
     * Whether a failure means that another process, the running portal, holds the
     * embedded database.
     * @param failure the failure
     * @return whether to relay
     */
    static boolean isStoreInUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the store is the embedded H2 database and another process, the running
     * portal, holds it. Tries to open it, without ever creating it: H2 reports the lock
     * before it checks the credentials.
     * @param environment the configuration that names the store
     * @return whether to relay
     */
    static boolean isEmbeddedStoreInUse(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:h2:file:")) {
            return false;
        }
        try (Connection connection = DriverManager.getConnection(url + ";IFEXISTS=TRUE",
                environment.getProperty("spring.datasource.username", ""),
                environment.getProperty("spring.datasource.password", ""))) {
            return false;
        }
        catch (SQLException ex) {
            return isStoreInUse(ex);
        }
    }

    /**
     * Have the running portal carry out a command, and print its output.
     * @param args the command's arguments
     * @param out where results go
     * @param err where errors go
     * @param timeout how long to wait for the portal
     * @return the command's exit code
     */
    int forward(List<String> args, PrintStream out, PrintStream err, Duration timeout) {
        String id = UUID.randomUUID().toString();
        Path request = this.directory.resolve(id + REQUEST);
        Path response = this.directory.resolve(id + RESPONSE);
        try {
            Files.createDirectories(this.directory);
            write(request, String.join("\n", args));
            Instant deadline = Instant.now().plus(timeout);
            while (!Files.exists(response)) {
                if (Instant.now().isAfter(deadline)) {
                    boolean unread = Files.deleteIfExists(request);
                    err.println("The portal that holds the state store in " + this.directory.getParent()
                            + " did not answer within " + HttpsSetting.formatDuration(timeout) + (unread
                                    ? "; nothing was changed. Check that it is running, or stop it and run configure again."
                                    : "; it may still apply the change. Check with: java -jar portal.jar configure --show"));
                    return 1;
                }
                Thread.sleep(100);
            }
            List<String> lines = Files.readAllLines(response, StandardCharsets.UTF_8);
            Files.deleteIfExists(response);
            for (String line : lines.subList(1, lines.size())) {
                (line.startsWith("err ") ? err : out).println(line.substring(4));
            }
            return Integer.parseInt(lines.get(0));
        }
        catch (IOException ex) {
            err.println("The running portal cannot be reached through " + this.directory + ": " + ex.getMessage());
            return 1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * Carry out the commands waiting in the data directory, in the running portal.
     * @param configurator what carries them out
     */
    void serve(HttpsConfigurator configurator) {
        if (!Files.isDirectory(this.directory)) {
            return;
        }
        List<Path> requests;
        try (Stream<Path> files = Files.list(this.directory)) {
            List<Path> all = files.toList();
            requests = all.stream().filter((f) -> f.getFileName().toString().endsWith(REQUEST)).sorted().toList();
            for (Path unread : all.stream().filter((f) -> f.getFileName().toString().endsWith(RESPONSE)).toList()) {
                if (isStale(unread)) {
                    Files.deleteIfExists(unread);
                }
            }
        }
        catch (IOException ex) {
            logger.warn("Cannot read configure requests in " + this.directory + ": " + ex.getMessage());
            return;
        }
        for (Path request : requests) {
            try {
                serve(configurator, request);
            }
            catch (IOException ex) {
                logger.warn("Cannot answer configure request " + request + ": " + ex.getMessage());
            }
        }
    }

    private void serve(HttpsConfigurator configurator, Path request) throws IOException {
        boolean stale = isStale(request);
        String content = Files.readString(request, StandardCharsets.UTF_8);
        if (!Files.deleteIfExists(request) || stale) {
            return;
        }
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
                PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            status = run(configurator, content.isEmpty() ? new String[0] : content.split("\n"), out, err);
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.valueOf(status));
        outBytes.toString(StandardCharsets.UTF_8).lines().forEach((line) -> lines.add("out " + line));
        errBytes.toString(StandardCharsets.UTF_8).lines().forEach((line) -> lines.add("err " + line));
        String name = request.getFileName().toString();
        write(this.directory.resolve(name.substring(0, name.length() - REQUEST.length()) + RESPONSE), String.join("\n", lines));
        logger.info("Carried out 'configure " + content.replace('\n', ' ') + "' for the shell (exit code " + status + ")");
    }

    /**
     * Whether a file is older than any shell waits for it: its shell has given up.
     */
    private static boolean isStale(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(STALE));
    }

    private static int run(HttpsConfigurator configurator, String[] args, PrintStream out, PrintStream err) {
        try {
            ConfigureOptions options = ConfigureOptions.parse(args);
            return configurator.execute(options, out, err);
        }
        catch (IllegalArgumentException ex) {
            err.println(ex.getMessage());
            return 2;
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException ex) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

}
