package io.portal.acme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Renewals that {@code certificates renew} hands over to the running portal through the
 * data directory. The embedded H2 database can be open in one process only, so while the
 * portal runs, the shell cannot reach the store; it drops a request file instead, the
 * portal's poll renews and writes the outcome next to it. Only the portal's user can
 * write there (the data directory is created owner-only), the same people who could read
 * the database. With PostgreSQL the shell renews by itself.
 */
class RenewRequests {

    private static final Log logger = LogFactory.getLog(RenewRequests.class);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private static final String REQUEST = ".request";

    private static final String RESULT = ".result";

    private final Path directory;

    RenewRequests(Path dataDir) {
        this.directory = dataDir.toAbsolutePath().normalize().resolve("acme-requests");
    }

    Path directory() {
        return this.directory;
    }

    /**
     * Hand a renewal over to the running portal (the shell's side).
     * @param name the certificate's name
     */
    void submit(String name) {
        requireSafe(name);
        try {
            Files.createDirectories(this.directory);
            Files.deleteIfExists(this.directory.resolve(name + RESULT));
            Path temporary = Files.createTempFile(this.directory, name, ".tmp");
            Files.writeString(temporary, name, StandardCharsets.UTF_8);
            move(temporary, this.directory.resolve(name + REQUEST));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write a renewal request into " + this.directory, ex);
        }
    }

    /**
     * Wait for the running portal's answer (the shell's side).
     * @param name the certificate's name
     * @param timeout how long to wait
     * @return the outcome's message, first line "ok" or "failed"; empty on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    Optional<String> awaitResult(String name, Duration timeout) throws InterruptedException {
        Path result = this.directory.resolve(name + RESULT);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String content = Files.readString(result, StandardCharsets.UTF_8);
                Files.deleteIfExists(result);
                return Optional.of(content);
            }
            catch (NoSuchFileException ex) {
                Thread.sleep(200);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return Optional.empty();
    }

    /**
     * Run the renewals handed over (the portal's side).
     * @param renew renews one certificate
     */
    void process(Function<String, RenewalOutcome> renew) {
        if (!Files.isDirectory(this.directory)) {
            return;
        }
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(this.directory, "*" + REQUEST)) {
            for (Path request : requests) {
                String name = request.getFileName().toString();
                name = name.substring(0, name.length() - REQUEST.length());
                Files.deleteIfExists(request);
                logger.info("ACME certificate '" + name + "': renewal requested from the shell");
                String result;
                try {
                    RenewalOutcome outcome = renew.apply(name);
                    result = (outcome.succeeded() ? "ok" : "failed") + "\n" + outcome.message();
                }
                catch (IllegalArgumentException ex) {
                    result = "failed\n" + ex.getMessage();
                }
                Path temporary = Files.createTempFile(this.directory, name, ".tmp");
                Files.writeString(temporary, result, StandardCharsets.UTF_8);
                move(temporary, this.directory.resolve(name + RESULT));
            }
        }
        catch (IOException ex) {
            logger.warn("Renewal requests in " + this.directory + " cannot be read: " + ex.getMessage());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException ex) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void requireSafe(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a certificate name");
        }
    }

}
