package io.portal.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import io.portal.PortalApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dispatches {@code java -jar portal.jar <command> [options]} to a command. Without a
 * command, the portal runs as a server.
 */
public final class PortalCli {

    /**
     * The commands by name. Each feature adds its own.
     */
    private static final Map<String, Command> COMMANDS = new TreeMap<>();

    static {
        // Each feature registers its command here, one line each.
        COMMANDS.put("configure", new io.portal.security.ConfigureCommand());
        COMMANDS.put("certificates", new io.portal.acme.CertificatesCommand());
    }

    private PortalCli() {
    }

    /**
     * Whether the arguments start with a command name rather than server options.
     * @param args the program arguments
     * @return whether a command should run
     */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /**
     * Run a command.
     * @param args the command name followed by its arguments
     * @param out where results go
     * @param err where errors go
     * @return the exit code: 0 for success
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            if ("help".equals(args[0])) {
                usage(out);
                return 0;
            }
            err.println("Unknown command '" + args[0] + "'. Commands: " + String.join(", ", COMMANDS.keySet())
                    + "; run without a command to start the portal.");
            return 2;
        }
        return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar portal.jar [command] [options]");
        out.println("Without a command the portal starts. Commands:");
        COMMANDS.forEach((name, command) -> out.println("  " + name + "  " + command.summary()));
    }

    /**
     * Start the portal's beans without the web server, lazily, so that a command touches
     * only what it uses (typically the state store). Spring Boot options such as
     * {@code --spring.datasource.url=...} among the arguments are honoured.
     * @param springArgs arguments for Spring Boot ({@code --name=value})
     * @return the context; close it when done
     */
    public static ConfigurableApplicationContext openContext(String... springArgs) {
        return new SpringApplicationBuilder(PortalApplication.class).web(WebApplicationType.NONE)
            .lazyInitialization(true)
            .logStartupInfo(false)
            .properties("spring.main.banner-mode=off", "logging.level.root=WARN",
                    "logging.level.io.portal=WARN")
            .run(springArgs);
    }

    /**
     * A shell command.
     */
    public interface Command {

        /**
         * One line that says what the command does.
         * @return the summary
         */
        String summary();

        /**
         * Run the command.
         * @param args the arguments after the command name
         * @param out where results go
         * @param err where errors go
         * @return the exit code: 0 for success
         */
        int run(String[] args, PrintStream out, PrintStream err);

    }

}
