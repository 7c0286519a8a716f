package io.portal.cli;

/**
 * A shell command stops: one line that says what is wrong and how to fix it, and the exit
 * code (2 for input the command refuses, with nothing changed; 1 for a failure).
 */
final class ShellException extends RuntimeException {

    private final int exitCode;

    ShellException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return this.exitCode;
    }

}
