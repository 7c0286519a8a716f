package io.portal.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Starts the portal's configuration or beans for a shell command without the report that
 * Spring Boot writes to the console when a start fails (before its logging is configured:
 * a stack trace, or a failure analysis block); the command says what failed in one line
 * instead ({@link PortalCli#explain}). What the start prints when it succeeds, such as a
 * warning, is passed on to standard error.
 */
final class QuietStart {

    private QuietStart() {
    }

    static synchronized <T> T run(Supplier<T> start) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        T started;
        try {
            started = start.get();
        }
        finally {
            System.setOut(out);
            System.setErr(err);
        }
        err.print(buffer.toString(StandardCharsets.UTF_8));
        return started;
    }

}
