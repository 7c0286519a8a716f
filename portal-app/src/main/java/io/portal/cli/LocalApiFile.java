package io.portal.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The file through which a running portal lets the shell commands on its machine reach its
 * admin API: {@code <data-dir>/local-api.properties}, readable and writable by the
 * portal's user only (as the master key and the database next to it), holding the
 * loopback URL to use and a token made at this start. The portal writes it once it
 * listens, rewrites it when its bindings change and removes it when it stops; one left
 * behind by a killed portal names a URL that no longer answers, or a token that no portal
 * accepts.
 *
 * @param url the base URL, such as {@code https://127.0.0.1:8443}
 * @param token the API token
 * @param pid the portal's process id
 */
public record LocalApiFile(String url, String token, long pid) {

    /**
     * The file's name in the data directory.
     */
    public static final String NAME = "local-api.properties";

    /**
     * The file in a data directory.
     * @param dataDir the data directory
     * @return its path
     */
    public static Path in(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(NAME);
    }

    /**
     * Read the file, if there is one.
     * @param file the file
     * @return what it holds; empty if it does not exist or is incomplete
     * @throws UncheckedIOException if it exists but cannot be read
     */
    public static Optional<LocalApiFile> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        catch (NoSuchFileException ex) {
            return Optional.empty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file + ": " + ex.getMessage(), ex);
        }
        String url = properties.getProperty("url");
        String token = properties.getProperty("token");
        if (url == null || token == null) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(properties.getProperty("pid", "-1"));
        }
        catch (NumberFormatException ex) {
            pid = -1;
        }
        return Optional.of(new LocalApiFile(url, token, pid));
    }

    /**
     * Write the file, owner-only, replacing it in one step.
     * @param file the file
     * @throws UncheckedIOException if it cannot be written
     */
    public void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("url", this.url);
        properties.setProperty("token", this.token);
        properties.setProperty("pid", String.valueOf(this.pid));
        try {
            Path directory = file.getParent();
            boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
            Path temporary = posix
                    ? Files.createTempFile(directory, NAME, ".tmp", PosixFilePermissions.asFileAttribute(
                            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)))
                    : Files.createTempFile(directory, NAME, ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "Written by the running portal (pid " + this.pid + ") for the shell commands on "
                        + "this machine; removed when it stops. Keep it private: it holds an API token.");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException ex) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

}
