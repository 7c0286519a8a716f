package io.portal.binding;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateSummary;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wiring of runtime bindings: their store and the service that changes them live.
 */
@Configuration(proxyBeanMethods = false)
class BindingConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcBindingStore bindingStore(JdbcClient jdbcClient, Clock clock) {
        return new JdbcBindingStore(jdbcClient, clock);
    }

    @Bean
    @ConditionalOnWebApplication
    BindingService bindingService(BindingProperties properties, BindingStore store, Listeners listeners, SslBundles sslBundles,
            CertificateCatalog catalog, BindingWarnings warnings, ApplicationEventPublisher events) {
        return new BindingService(ConfiguredBindings.from(properties), store, listeners, sslBundles::getBundleNames,
                catalog::require, warnings, new BindingSteps((bundle) -> describe(catalog, bundle)), events);
    }

    private static String describe(CertificateCatalog catalog, String bundle) {
        return catalog.find(bundle).map(BindingConfiguration::describe).orElse("created before this step");
    }

    private static String describe(CertificateSummary summary) {
        return summary.subject() + ", expires " + LocalDate.ofInstant(summary.notAfter(), ZoneOffset.UTC);
    }

}
