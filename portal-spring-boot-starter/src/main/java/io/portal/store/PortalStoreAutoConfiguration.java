package io.portal.store;

import io.portal.system.PortalSystemAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import io.portal.system.PortalProperties;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of the state store's encryption, of the transaction each change runs in, and of
 * its health component.
 */
@AutoConfiguration(after = { PortalSystemAutoConfiguration.class, DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
        JdbcClientAutoConfiguration.class })
public class PortalStoreAutoConfiguration {

    @Bean
    PortalSchema portalSchema(DataSource dataSource) {
        return new PortalSchema(dataSource);
    }

    @Bean
    @DependsOnDatabaseInitialization
    PortalMetadata portalMetadata(JdbcClient jdbcClient) {
        return new PortalMetadata(jdbcClient);
    }

    @Bean
    MasterKey masterKey(PortalProperties properties, PortalMetadata metadata) {
        return new MasterKeyLoader(properties.getMasterKey(), properties.getDataDir(), metadata).load();
    }

    @Bean
    SecretCipher secretCipher(MasterKey masterKey) {
        return new SecretCipher(masterKey);
    }

    /**
     * The {@code store} health component; its checks run on a thread of their own, so
     * that a probe never waits longer than {@link StoreHealthIndicator#WAIT}.
     */
    @Bean
    StoreHealthIndicator storeHealthIndicator(DataSource dataSource, Clock clock) {
        Executor checks = Executors.newSingleThreadExecutor((task) -> {
            Thread thread = new Thread(task, "portal-store-health");
            thread.setDaemon(true);
            return thread;
        });
        return new StoreHealthIndicator(dataSource, checks, clock);
    }

    @Bean
    ChangeTransaction changeTransaction(TransactionTemplate transactionTemplate) {
        return new ChangeTransaction(transactionTemplate);
    }

}
