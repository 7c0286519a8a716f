package io.portal.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * Creates and migrates the portal's tables, with a Flyway of its own: its migrations are
 * under {@code io/portal/db} (those for every database, then those for this one, such as
 * PostgreSQL's change announcements), and its history is kept apart from any Flyway the
 * application runs for its own tables, in {@code portal_schema_history}.
 * <p>
 * A store created before the portal was a starter keeps its history where it is: when
 * {@code portal_schema_history} does not exist but {@code flyway_schema_history} holds the
 * portal's first migration, that table goes on being used.
 */
public class PortalSchema implements InitializingBean {

    static final String HISTORY_TABLE = "portal_schema_history";

    static final String EARLIER_HISTORY_TABLE = "flyway_schema_history";

    private static final Log logger = LogFactory.getLog(PortalSchema.class);

    private final DataSource dataSource;

    public PortalSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        String vendor;
        String table;
        try (Connection connection = this.dataSource.getConnection()) {
            vendor = DatabaseDriver.fromJdbcUrl(connection.getMetaData().getURL()).getId();
            table = historyTable(connection);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot reach the state store to prepare its tables: " + ex.getMessage(), ex);
        }
        if (!HISTORY_TABLE.equals(table)) {
            logger.info("The state store's migrations are recorded in " + table + " (made before the portal kept them in "
                    + HISTORY_TABLE + "); it goes on being used");
        }
        Flyway.configure()
            .dataSource(this.dataSource)
            .locations("classpath:io/portal/db/migration", "classpath:io/portal/db/vendor/" + vendor)
            .table(table)
            // In a database that already holds the application's tables, start the portal's own
            // history below its first migration, so that all of them run.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
    }

    private static String historyTable(Connection connection) throws SQLException {
        if (exists(connection, HISTORY_TABLE) || !exists(connection, EARLIER_HISTORY_TABLE)) {
            return HISTORY_TABLE;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from " + quoted(connection, EARLIER_HISTORY_TABLE)
                        + " where \"version\" = '1' and \"script\" = 'V1__state_store.sql'")) {
            return (rows.next() && rows.getInt(1) > 0) ? EARLIER_HISTORY_TABLE : HISTORY_TABLE;
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String schema = connection.getSchema();
        for (String name : new String[] { table, table.toUpperCase() }) {
            try (ResultSet tables = metadata.getTables(connection.getCatalog(), schema, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String quoted(Connection connection, String table) throws SQLException {
        String quote = connection.getMetaData().getIdentifierQuoteString();
        return quote + table + quote;
    }

}
