package io.portal.account;

import io.portal.store.PortalStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import java.time.Clock;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Wiring of accounts and tokens; the admin account is made ready at startup.
 */
@AutoConfiguration(after = PortalStoreAutoConfiguration.class)
@EnableConfigurationProperties(AdminProperties.class)
public class PortalAccountsAutoConfiguration {

    /**
     * While the admin part is on ({@code portal.admin.enabled}, the default).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "portal.admin.enabled", matchIfMissing = true)
    static class Accounts {

        @Bean
        PasswordEncoder passwordEncoder() {
            return PasswordEncoderFactories.createDelegatingPasswordEncoder();
        }

        @Bean
        @DependsOnDatabaseInitialization
        AdminAccounts adminAccounts(JdbcClient jdbcClient, PasswordEncoder passwordEncoder, Clock clock, AdminProperties properties) {
            AdminAccounts accounts = new AdminAccounts(jdbcClient, passwordEncoder, clock);
            accounts.bootstrap(properties.getPassword());
            return accounts;
        }

        @Bean
        @DependsOnDatabaseInitialization
        ApiTokens apiTokens(JdbcClient jdbcClient, Clock clock) {
            return new ApiTokens(jdbcClient, clock);
        }

        @Bean
        LoginThrottle loginThrottle(AdminProperties properties, Clock clock) {
            return new LoginThrottle(properties.getMaxFailedLogins(), properties.getFailureWindow(), clock);
        }

    }

}
