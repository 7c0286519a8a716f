package io.portal.https;

import io.portal.binding.PortalBindingsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import java.time.Clock;

import io.portal.binding.BindingProperties;
import io.portal.binding.BindingStore;
import io.portal.binding.Listeners;
import io.portal.system.PropertyOrigins;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settings for forcing HTTPS and HSTS and their store, in the server and in the
 * shell's {@code configure} command alike.
 */
@AutoConfiguration(after = PortalBindingsAutoConfiguration.class)
@EnableConfigurationProperties(HttpsProperties.class)
public class PortalHttpsSettingsAutoConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    HttpsSettingsStore httpsSettingsStore(JdbcClient jdbcClient, TransactionTemplate transactionTemplate) {
        return new HttpsSettingsStore(jdbcClient, transactionTemplate);
    }

    @Bean
    @DependsOnDatabaseInitialization
    HstsStateStore hstsStateStore(JdbcClient jdbcClient) {
        return new HstsStateStore(jdbcClient);
    }

    /**
     * The current bindings: the live ones in a running server, else those configured
     * with their stored changes.
     */
    @Bean
    CurrentBindings currentBindings(BindingProperties properties, BindingStore bindingStore,
            ObjectProvider<Listeners> connectors) {
        return new CurrentBindings(properties, bindingStore, connectors);
    }

    @Bean
    HttpsConfigurator httpsConfigurator(HttpsProperties properties, HttpsSettingsStore store, HstsStateStore hstsState,
            Environment environment, CurrentBindings bindings, Clock clock, ObjectProvider<HttpsMaintenance> maintenance) {
        return new HttpsConfigurator(HttpsSettings.of(properties), store, hstsState, new PropertyOrigins(environment), bindings,
                clock, () -> maintenance.ifAvailable(HttpsMaintenance::run));
    }

}
