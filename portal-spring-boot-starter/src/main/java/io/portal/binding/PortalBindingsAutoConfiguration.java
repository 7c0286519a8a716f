package io.portal.binding;

import io.portal.audit.PortalAuditAutoConfiguration;
import io.portal.certificate.PortalCertificatesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.portal.audit.AuditLog;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateSummary;
import io.portal.store.ChangeTransaction;
import io.portal.system.PropertyOrigins;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wiring of the bindings: their store and the service that lists and changes them live.
 */
@AutoConfiguration(after = { PortalCertificatesAutoConfiguration.class, PortalAuditAutoConfiguration.class,
        JacksonAutoConfiguration.class })
@EnableConfigurationProperties(BindingProperties.class)
public class PortalBindingsAutoConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcBindingStore bindingStore(JdbcClient jdbcClient, JsonMapper jsonMapper) {
        return new JdbcBindingStore(jdbcClient, jsonMapper);
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnBindings
    BindingService bindingService(BindingProperties properties, Environment environment, BindingStore store, Listeners listeners,
            SslBundles sslBundles, CertificateCatalog catalog, BindingWarnings warnings, ChangeTransaction changeTransaction,
            AuditLog auditLog, Clock clock, ApplicationEventPublisher events) {
        BindingEntries entries = new BindingEntries(properties, new PropertyOrigins(environment)::describe, store);
        BindingPlanner planner = new BindingPlanner(store, listeners, sslBundles::getBundleNames, catalog::require, warnings,
                new BindingSteps((bundle) -> describe(catalog, bundle)));
        return new BindingService(entries, planner, listeners, changeTransaction, auditLog, clock, events);
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnBindings
    BindingFollower bindingFollower(BindingService service, BindingProperties properties, BindingStore store,
            Listeners listeners, ApplicationEventPublisher events) {
        return new BindingFollower(service, properties, store, listeners, events);
    }

    private static String describe(CertificateCatalog catalog, String bundle) {
        return catalog.find(bundle).map(PortalBindingsAutoConfiguration::describe).orElse("created before this step");
    }

    private static String describe(CertificateSummary summary) {
        return summary.subject() + ", expires " + LocalDate.ofInstant(summary.notAfter(), ZoneOffset.UTC);
    }

}
