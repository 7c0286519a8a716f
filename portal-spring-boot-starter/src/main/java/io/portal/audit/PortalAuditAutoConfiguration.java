package io.portal.audit;

import io.portal.store.PortalStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wiring of the audit log.
 */
@AutoConfiguration(after = { PortalStoreAutoConfiguration.class, JacksonAutoConfiguration.class })
public class PortalAuditAutoConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    AuditLog auditLog(JdbcClient jdbcClient, Clock clock, JsonMapper jsonMapper) {
        return new AuditLog(jdbcClient, clock, jsonMapper);
    }

}
