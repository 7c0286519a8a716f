package io.portal.https;

import java.util.UUID;

import javax.sql.DataSource;

import io.portal.store.PortalSchema;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real state store for one test: an in-memory H2 database with the portal's migrations
 * applied.
 */
final class EmbeddedStore {

    private final DataSource dataSource;

    EmbeddedStore() {
        this.dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new PortalSchema(this.dataSource).afterPropertiesSet();
    }

    JdbcClient jdbc() {
        return JdbcClient.create(this.dataSource);
    }

    TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
    }

}
