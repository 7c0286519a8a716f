package io.portal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The packaged {@code portal.jar} run as its own process, the way an operator runs it:
 * {@code java -jar portal.jar [args]} in a working directory of the test's, with extra
 * environment variables. Standard output and error go to a log file in that directory.
 * <p>
 * Only for tests run by the failsafe plugin ({@code *ProcessTests}), after the jar has been
 * packaged; the jar's path comes from the system property {@code portal.jar}.
 */
public final class PortalProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Started PortalApplication in");

    private final Process process;

    private final Path log;

    private PortalProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * The packaged jar under test.
     * @return its path
     * @throws IllegalStateException when the tests were not started by failsafe
     */
    public static Path jar() {
        String jar = System.getProperty("portal.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property portal.jar does not name the packaged jar (" + jar
                    + "); run this test with './mvnw verify', which packages the jar before the *ProcessTests run");
        }
        return Path.of(jar);
    }

    /**
     * Start the portal, without waiting for it.
     * @param workingDirectory the working directory (where {@code ./data} is created)
     * @param environment extra environment variables
     * @param args command-line arguments after {@code -jar portal.jar}
     * @return the process
     */
    public static PortalProcess start(Path workingDirectory, Map<String, String> environment, List<String> args) {
        // Small heap and quick start for tests that start many portals.
        return start(workingDirectory, environment, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args);
    }

    /**
     * Start the portal with the given JVM options, without waiting for it.
     * @param workingDirectory the working directory (where {@code ./data} is created)
     * @param environment extra environment variables
     * @param jvmOptions options between {@code java} and {@code -jar}
     * @param args command-line arguments after {@code -jar portal.jar}
     * @return the process
     */
    public static PortalProcess start(Path workingDirectory, Map<String, String> environment, List<String> jvmOptions,
            List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(args);
        try {
            Files.createDirectories(workingDirectory);
            Path log = Files.createTempFile(workingDirectory, "portal-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new PortalProcess(builder.start(), log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Start the portal and wait until it has started.
     * @param workingDirectory the working directory
     * @param environment extra environment variables
     * @param settings properties given as {@code --key=value}
     * @return the running portal
     */
    public static PortalProcess run(Path workingDirectory, Map<String, String> environment, Map<String, Object> settings) {
        List<String> args = new ArrayList<>();
        new LinkedHashMap<>(settings).forEach((key, value) -> args.add("--" + key + "=" + value));
        PortalProcess portal = start(workingDirectory, environment, args);
        portal.awaitLog(STARTED, Duration.ofSeconds(90));
        return portal;
    }

    /**
     * Run a command ({@code configure}, {@code certificates}, or a start that should fail)
     * to its end.
     * @param workingDirectory the working directory
     * @param environment extra environment variables
     * @param timeout how long it may take
     * @param args the arguments
     * @return its exit code and output
     */
    public static Result runToEnd(Path workingDirectory, Map<String, String> environment, Duration timeout, String... args) {
        try (PortalProcess portal = start(workingDirectory, environment, List.of(args))) {
            if (!portal.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Did not end within " + timeout + ":\n" + portal.output());
            }
            return new Result(portal.process.exitValue(), portal.output());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Wait until the output holds a line that matches.
     * @param pattern what to look for
     * @param timeout how long to wait
     */
    public void awaitLog(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pattern.matcher(output()).find()) {
                return;
            }
            if (!this.process.isAlive()) {
                throw new AssertionError("The portal exited with " + this.process.exitValue() + " before '" + pattern
                        + "' was logged:\n" + output());
            }
            sleep(50);
        }
        throw new AssertionError("'" + pattern + "' was not logged within " + timeout + ":\n" + output());
    }

    /**
     * Everything the process printed so far.
     * @return the output
     */
    public String output() {
        try {
            return Files.readString(this.log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public long pid() {
        return this.process.pid();
    }

    public boolean isAlive() {
        return this.process.isAlive();
    }

    /**
     * Kill the process with SIGKILL, as {@code kill -9} does, and wait until it is gone.
     */
    public void kill() {
        this.process.destroyForcibly();
        await();
    }

    /**
     * Stop the process with SIGTERM (a graceful shutdown) and wait until it is gone.
     * @return its exit code
     */
    public int stop() {
        this.process.destroy();
        return await();
    }

    private int await() {
        try {
            if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
                this.process.waitFor(10, TimeUnit.SECONDS);
            }
            return this.process.exitValue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        if (this.process.isAlive()) {
            kill();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * How a command ended.
     *
     * @param exitCode its exit code
     * @param output what it printed on standard output and error
     */
    public record Result(int exitCode, String output) {
    }

}
