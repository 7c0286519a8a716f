package io.portal.audit;

import java.time.Clock;

import io.portal.binding.BindingChangedEvent;
import io.portal.binding.BindingScript;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wiring of the audit log and the changes it records.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    AuditLog auditLog(JdbcClient jdbcClient, Clock clock) {
        return new AuditLog(jdbcClient, clock);
    }

    @Bean
    BindingAudit bindingAudit(AuditLog auditLog) {
        return new BindingAudit(auditLog);
    }

    /**
     * Records binding changes.
     */
    static class BindingAudit {

        private final AuditLog log;

        BindingAudit(AuditLog log) {
            this.log = log;
        }

        @EventListener
        void onBindingChanged(BindingChangedEvent event) {
            this.log.record(event.actor(), event.action(), "binding:" + event.name(),
                    (event.before() != null) ? BindingScript.json(event.before()) : null,
                    (event.after() != null) ? BindingScript.json(event.after()) : null);
        }

    }

}
