package io.portal.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Pattern;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means that the state store (the database) cannot be reached, rather
 * than that it refused what was asked: the database is down, the network to it is cut,
 * or no connection could be had within {@code spring.datasource.hikari.connection-timeout}.
 * <p>
 * A node whose store is unreachable keeps serving its last state (listeners, certificates,
 * HTTPS settings, the challenges it holds); what needs the store answers 503 with the
 * words below, and health shows the {@code store} component as WARNING.
 */
public final class StoreUnreachable {

    /**
     * What the answer to a change says.
     */
    public static final String DETAIL = "The portal cannot reach its state store (the database), so nothing was changed.";

    /**
     * What the operator does about it.
     */
    public static final String ACTION = "Check that the database is running and reachable from this node (the portal's log "
            + "and the store component of /actuator/health name the cause); send the change again once it is back. "
            + "Meanwhile the portal keeps serving its bindings, certificates and HTTPS settings as they were.";

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:\\S+");

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*[=:]\\s*)\\S+");

    private StoreUnreachable() {
    }

    /**
     * Whether the failure, or one of its causes, is the store being out of reach: Spring's
     * {@link DataAccessResourceFailureException} (and its
     * {@code CannotGetJdbcConnectionException}), {@link CannotCreateTransactionException},
     * {@link TransientDataAccessResourceException}, or the pool's
     * {@link SQLTransientConnectionException}. A {@link ChangeNotStoredException} counts
     * when its cause does. A database that answered that it is out of space or memory
     * (SQL state class 53) was reached, so it does not count.
     * @param failure the failure
     * @return whether the store could not be reached
     */
    public static boolean isCause(Throwable failure) {
        boolean unreachable = false;
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            if (cause instanceof SQLException sql && isOutOfResources(sql.getSQLState())) {
                // Reached, but it cannot take the change: disk full, out of memory (Spring
                // files these under DataAccessResourceFailureException too).
                return false;
            }
            unreachable |= cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessResourceException || cause instanceof SQLTransientConnectionException;
        }
        return unreachable;
    }

    /**
     * The driver's own exception, whose message names the server and what went wrong
     * (beneath it only the socket's terse words), as opposed to a pool's or Spring's
     * wrapper.
     */
    private static boolean isDriverWords(Throwable failure) {
        return failure instanceof SQLException && !(failure instanceof SQLTransientConnectionException)
                && failure.getCause() != null && !(failure.getCause() instanceof SQLException);
    }

    /**
     * SQL state class 53 (insufficient resources), except too many connections, which
     * leaves this node without the store as surely as a network cut.
     */
    private static boolean isOutOfResources(String sqlState) {
        return sqlState != null && sqlState.startsWith("53") && !sqlState.equals("53300");
    }

    /**
     * The innermost cause of a failure (the driver's exception rather than the socket's
     * beneath it), as a class name and message fit to be shown: a JDBC URL or password in
     * the message is left out.
     * @param failure the failure
     * @return such as {@code org.postgresql.util.PSQLException: Connection to 127.0.0.1:5432 refused...}
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && !isDriverWords(root)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getName();
        }
        message = JDBC_URL.matcher(message).replaceAll("(the JDBC URL)");
        message = PASSWORD.matcher(message).replaceAll("$1(hidden)");
        return root.getClass().getName() + ": " + message.strip();
    }

}
