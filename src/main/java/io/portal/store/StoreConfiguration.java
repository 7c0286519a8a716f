package io.portal.store;

import io.portal.system.PortalProperties;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of the state store's encryption and of the transaction each change runs in.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

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

    @Bean
    ChangeTransaction changeTransaction(TransactionTemplate transactionTemplate) {
        return new ChangeTransaction(transactionTemplate);
    }

}
