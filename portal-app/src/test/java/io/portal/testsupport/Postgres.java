package io.portal.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL database for tests: the server on this machine
 * ({@code PORTAL_TEST_POSTGRES_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user {@code postgres}), else a Testcontainers PostgreSQL where Docker runs. With neither,
 * the test is skipped, or fails when {@code CI=true}. Each {@link #newSchema()} is a fresh
 * schema, dropped by {@link #drop(String)}.
 */
public final class Postgres {

    private static String url;

    private static String user;

    private static String password;

    private static PostgreSQLContainer container;

    private Postgres() {
    }

    /**
     * A new, empty schema.
     * @return its name
     */
    public static synchronized String newSchema() {
        locate();
        String schema = "portal_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("create schema " + schema);
        return schema;
    }

    public static String url(String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static String user() {
        return user;
    }

    public static String password() {
        return password;
    }

    public static void drop(String schema) {
        execute("drop schema if exists " + schema + " cascade");
    }

    public static Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(url(schema), user, password);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.createStatement().execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + ex.getMessage(), ex);
        }
    }

    private static void locate() {
        if (url != null) {
            return;
        }
        String localUrl = System.getenv().getOrDefault("PORTAL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String localUser = System.getenv().getOrDefault("PORTAL_TEST_POSTGRES_USER", "postgres");
        String localPassword = System.getenv().getOrDefault("PORTAL_TEST_POSTGRES_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection(localUrl, localUser, localPassword)) {
            url = localUrl;
            user = localUser;
            password = localPassword;
            return;
        }
        catch (SQLException ex) {
            // fall through to Docker
        }
        if (dockerAvailable()) {
            container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            url = container.getJdbcUrl();
            user = container.getUsername();
            password = container.getPassword();
            return;
        }
        String reason = "No PostgreSQL at " + localUrl + " and no Docker for Testcontainers";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(reason + "; CI=true, so this test fails instead of being skipped");
        }
        Assumptions.abort(reason);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (Throwable ex) {
            return false;
        }
    }

}
