package io.portal.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.context.SmartLifecycle;

/**
 * Listens, on PostgreSQL, for the changes the store announces (see the
 * {@code portal_announce_change} trigger): each committed change to bindings, certificates
 * or settings, by any node sharing the schema, asks this node to follow the store at once.
 * <p>
 * One connection is held for it, on a thread of its own. When the connection is lost
 * (the database restarts, the network breaks) the thread connects again with a growing
 * pause, and once listening again asks for a full round, since announcements made in
 * between are lost. Elsewhere (the embedded H2 store) nothing is announced and only the
 * periodic round runs.
 */
class ChangeAnnouncements implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(ChangeAnnouncements.class);

    private static final int WAIT_MILLIS = 1000;

    /**
     * Waits between checks that the connection is still alive, when nothing is announced.
     */
    private static final int WAITS_PER_CHECK = 15;

    private final DataSource dataSource;

    private final Runnable onChange;

    private volatile boolean running;

    private volatile Thread thread;

    ChangeAnnouncements(DataSource dataSource, Runnable onChange) {
        this.dataSource = dataSource;
        this.onChange = onChange;
    }

    @Override
    public void start() {
        this.running = true;
        Thread listener = new Thread(this::listen, "portal-store-announcements");
        listener.setDaemon(true);
        this.thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        this.running = false;
        Thread listener = this.thread;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    private void listen() {
        Duration pause = Duration.ofSeconds(1);
        boolean lost = false;
        String lastProblem = null;
        while (this.running) {
            try (Connection connection = this.dataSource.getConnection()) {
                if (!connection.isWrapperFor(PGConnection.class)) {
                    logger.debug("The state store is not PostgreSQL; changes are followed periodically only");
                    return;
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                String channel = channel(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + quoted(channel));
                }
                if (lost) {
                    logger.info("Listening to the state store's announcements again; following it in full");
                }
                else {
                    logger.debug("Listening to the state store's announcements on channel " + channel);
                }
                // Anything may have changed while not listening (or before listening started).
                this.onChange.run();
                lost = false;
                lastProblem = null;
                pause = Duration.ofSeconds(1);
                int waits = 0;
                while (this.running) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        this.onChange.run();
                    }
                    else if (++waits >= WAITS_PER_CHECK) {
                        waits = 0;
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("select 1");
                        }
                    }
                }
            }
            catch (SQLException | RuntimeException ex) {
                if (!this.running) {
                    return;
                }
                lost = true;
                String problem = Objects.toString(ex.getMessage(), ex.getClass().getSimpleName());
                if (!problem.equals(lastProblem)) {
                    logger.warn("Not listening to the state store's announcements (" + problem + "); changes made on other "
                            + "nodes are followed when it answers again, trying every few seconds");
                    lastProblem = problem;
                }
                try {
                    Thread.sleep(pause.toMillis());
                }
                catch (InterruptedException interrupted) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(8)) > 0 ? Duration.ofSeconds(8) : pause.multipliedBy(2);
            }
        }
    }

    /**
     * The channel the store's trigger announces on: one per schema, so that portals in
     * other schemas of the same database are not disturbed.
     */
    static String channel(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var result = statement.executeQuery("select current_schema()")) {
            result.next();
            return "portal_" + result.getString(1);
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

}
