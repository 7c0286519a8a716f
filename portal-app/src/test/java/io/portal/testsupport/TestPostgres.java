package io.portal.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL schema of its own for a test: on the server at
 * {@code PORTAL_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user postgres, trust auth), else in a Testcontainers PostgreSQL where Docker runs. With
 * neither, the test is skipped, or fails when {@code CI=true}. The schema is dropped on
 * {@link Schema#close()}.
 */
public final class TestPostgres {

    private static final String URL = System.getenv().getOrDefault("PORTAL_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");

    private static Server server;

    private TestPostgres() {
    }

    public static synchronized Schema schema() {
        if (server == null) {
            server = find();
        }
        String name = "portal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.execute("create schema " + name);
        return new Schema(server, name);
    }

    private static Server find() {
        Server local = new Server(URL, "postgres", "");
        try (Connection connection = local.connect()) {
            return local;
        }
        catch (SQLException ex) {
            // try Docker next
        }
        boolean docker;
        try {
            docker = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }
        catch (Throwable ex) {
            docker = false;
        }
        if (!docker) {
            String reason = "No PostgreSQL answers at " + URL + " and Docker is not available";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(reason + ", and CI=true requires the PostgreSQL tests to run.");
            }
            Assumptions.abort(reason + "; skipping the PostgreSQL test.");
        }
        var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine");
        container.start();
        return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private record Server(String url, String username, String password) {

        Connection connect() throws SQLException {
            return DriverManager.getConnection(this.url, this.username, this.password);
        }

        void execute(String sql) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            catch (SQLException ex) {
                throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
            }
        }

    }

    /**
     * A schema for one test.
     */
    public static final class Schema implements AutoCloseable {

        private final Server server;

        private final String name;

        private Schema(Server server, String name) {
            this.server = server;
            this.name = name;
        }

        public String url() {
            return this.server.url() + (this.server.url().contains("?") ? "&" : "?") + "currentSchema=" + this.name;
        }

        public String username() {
            return this.server.username();
        }

        public String password() {
            return this.server.password();
        }

        /**
         * Point a portal's state store at this schema.
         * @param settings the portal's settings
         * @return the same settings
         */
        public Map<String, Object> configure(Map<String, Object> settings) {
            settings.put("spring.datasource.url", url());
            settings.put("spring.datasource.username", username());
            settings.put("spring.datasource.password", password());
            return settings;
        }

        @Override
        public void close() {
            this.server.execute("drop schema if exists " + this.name + " cascade");
        }

    }

}
