package io.portal.store;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's tables are made by a Flyway of its own, kept apart from the application's.
 */
class PortalSchemaTests {

    private final DataSource dataSource = new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

    private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

    @Test
    void aNewStoreRecordsThePortalsMigrationsInATableOfItsOwn() {
        new PortalSchema(this.dataSource).afterPropertiesSet();
        assertThat(scripts("portal_schema_history")).contains("V1__state_store.sql", "V10__cluster_nodes.sql");
        assertThat(tableExists("flyway_schema_history")).isFalse();
        assertThat(tableExists("managed_certificate")).isTrue();
    }

    @Test
    void theApplicationsOwnFlywayHistoryIsLeftAlone() {
        this.jdbc.sql("create table \"flyway_schema_history\" (\"installed_rank\" int, \"version\" varchar(50), "
                + "\"script\" varchar(1000))").update();
        this.jdbc.sql("insert into \"flyway_schema_history\" values (1, '1', 'V1__the_applications_orders.sql')").update();
        new PortalSchema(this.dataSource).afterPropertiesSet();
        assertThat(scripts("flyway_schema_history")).containsExactly("V1__the_applications_orders.sql");
        assertThat(scripts("portal_schema_history")).contains("V1__state_store.sql");
    }

    @Test
    void aStoreMadeBeforeThePortalKeptItsOwnHistoryGoesOnInTheTableItUsed() {
        // As the portal application made it up to now: Spring Boot's Flyway, default history table.
        Flyway.configure()
            .dataSource(this.dataSource)
            .locations("classpath:io/portal/db/migration")
            .target("9")
            .load()
            .migrate();
        new PortalSchema(this.dataSource).afterPropertiesSet();
        assertThat(tableExists("portal_schema_history")).isFalse();
        assertThat(scripts("flyway_schema_history")).contains("V1__state_store.sql", "V10__cluster_nodes.sql");
    }

    @Test
    void runningAgainChangesNothing() {
        new PortalSchema(this.dataSource).afterPropertiesSet();
        List<String> first = scripts("portal_schema_history");
        new PortalSchema(this.dataSource).afterPropertiesSet();
        assertThat(scripts("portal_schema_history")).isEqualTo(first);
    }

    private List<String> scripts(String table) {
        return this.jdbc.sql("select \"script\" from \"" + table + "\" where \"script\" is not null order by \"installed_rank\"")
            .query(String.class)
            .list();
    }

    private boolean tableExists(String table) {
        return this.jdbc.sql("select count(*) from information_schema.tables where lower(table_name) = ?")
            .param(table)
            .query(Integer.class)
            .single() > 0;
    }

}
