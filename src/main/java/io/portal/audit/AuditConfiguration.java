package io.portal.audit;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wiring of the audit log.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    AuditLog auditLog(JdbcClient jdbcClient, Clock clock, JsonMapper jsonMapper) {
        return new AuditLog(jdbcClient, clock, jsonMapper);
    }

}
