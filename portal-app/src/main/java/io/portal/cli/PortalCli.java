package io.portal.cli;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * Dispatches {@code java -jar portal.jar <command> [options]} to a command. Without a
 * command, the portal runs as a server. A command ends with one line on standard error
 * when it cannot do its work, never with a stack trace: exit code 2 for input it refuses
 * (nothing is changed then), 1 for a failure.
 */
public final class PortalCli {

    /**
     * How long a command waits for the portal's answer to one call (a renewal waits for
     * the CA).
     */
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    /**
     * The commands by name.
     */
    private static final Map<String, Command> COMMANDS = new TreeMap<>();

    static {
        COMMANDS.put("configure", new ConfigureCommand());
        COMMANDS.put("certificates", new CertificatesCommand());
        COMMANDS.put("bindings", new BindingsCommand());
    }

    private static final java.util.Set<String> HELP = java.util.Set.of("help", "--help", "-h");

    private PortalCli() {
    }

    /**
     * Whether the arguments start with a command name rather than server options.
     * @param args the program arguments
     * @return whether a command should run
     */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && (!args[0].startsWith("-") || HELP.contains(args[0]));
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err, System.getenv());
    }

    /**
     * Run a command.
     * @param args the command name followed by its arguments
     * @param out where results go
     * @param err where errors go
     * @param environment the environment variables ({@code PORTAL_TOKEN},
     * {@code PORTAL_CACERT})
     * @return the exit code: 0 for success
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            if (HELP.contains(args[0])) {
                usage(out);
                return 0;
            }
            err.println("Unknown command '" + args[0] + "'. Commands: " + String.join(", ", COMMANDS.keySet())
                    + "; run without a command to start the portal.");
            return 2;
        }
        Shell shell = new Shell(out, err, new PortalLocator(environment, TIMEOUT));
        try {
            return command.run(Arrays.copyOfRange(args, 1, args.length), shell);
        }
        catch (ShellException ex) {
            err.println(ex.getMessage());
            return ex.exitCode();
        }
        catch (AdminClient.Unreachable ex) {
            err.println(ex.getMessage());
            return 1;
        }
        catch (AdminClient.Problem ex) {
            err.println(ex.line());
            return (ex.status() < 500) ? 2 : 1;
        }
        catch (RuntimeException ex) {
            err.println(args[0] + " failed: " + explain(ex));
            return 1;
        }
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar portal.jar [command] [options]");
        out.println("Without a command the portal starts. Commands:");
        COMMANDS.forEach((name, command) -> out.println("  " + name + "  " + command.summary()));
        out.println("Each command acts on the portal running in ./data (or --portal.data-dir=...), or on the one at");
        out.println("--url=https://host:port with PORTAL_TOKEN set; while no portal runs, on its state store.");
    }

    /**
     * Start the portal's beans without the web server, lazily, so that a command touches
     * only what it uses (typically the state store). Spring Boot options such as
     * {@code --spring.datasource.url=...} among the arguments are honoured.
     * @param springArgs arguments for Spring Boot ({@code --name=value})
     * @return the context; close it when done
     */
    public static ConfigurableApplicationContext openContext(java.util.List<String> springArgs) {
        return QuietStart.run(() -> new SpringApplicationBuilder(ShellContext.class).web(WebApplicationType.NONE)
            .lazyInitialization(true)
            .logStartupInfo(false)
            .properties("spring.main.banner-mode=off", "logging.level.root=WARN", "logging.level.io.portal=WARN")
            .run(springArgs.toArray(String[]::new)));
    }

    /**
     * The portal's own explanation of a failure: what its startup failure analysis would
     * show (description and action, on one line) rather than a chain of bean creation
     * messages.
     * @param failure the failure
     * @return one line
     */
    static String explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return "the embedded state store is in use by another process: a portal that is starting or stopping, or "
                        + "one that did not leave its address in its data directory. Try again once it has started, or "
                        + "give its address with --url.";
            }
        }
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(PortalCli.class.getClassLoader())
            .load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, ex) -> { }));
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return oneLine(analysis.getDescription()) + ((analysis.getAction() != null) ? " " + oneLine(analysis.getAction()) : "");
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return oneLine(String.valueOf(root.getMessage()));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Where a command prints, and how it finds the portal.
     *
     * @param out where results go
     * @param err where warnings about the command itself go
     * @param locator finds the portal
     */
    record Shell(PrintStream out, PrintStream err, PortalLocator locator) {
    }

    /**
     * A shell command.
     */
    interface Command {

        /**
         * One line that says what the command does.
         * @return the summary
         */
        String summary();

        /**
         * Run the command.
         * @param args the arguments after the command name
         * @param shell where to print, and how to find the portal
         * @return the exit code: 0 for success
         * @throws ShellException to stop with one line and an exit code
         */
        int run(String[] args, Shell shell);

    }

}
