package io.portal.acme;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.portal.binding.BindingProperties;
import io.portal.certificate.CertificatesProperties;
import io.portal.certificate.ManagedCertificateStore;
import io.portal.store.SecretCipher;
import io.portal.system.PortalProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of ACME certificates: store, CA session, issuer, the bundles they serve and the
 * renewal service; in a web application also the maintenance loop.
 */
@Configuration(proxyBeanMethods = false)
class AcmeConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcAcmeStore acmeStore(JdbcClient jdbcClient, SecretCipher secretCipher, TransactionTemplate transactionTemplate) {
        return new JdbcAcmeStore(jdbcClient, secretCipher, transactionTemplate);
    }

    @Bean
    AcmeCertificateSettings acmeCertificateSettings(AcmeProperties properties, CertificatesProperties certificates,
            BindingProperties bindings) {
        return new AcmeCertificateSettings(properties, certificates, bindings);
    }

    @Bean
    AcmeSessions acmeSessions(AcmeProperties properties) {
        return new AcmeSessions(properties.directoryUrl(),
                AcmeTrust.sslContext(properties.getTrustStore(), properties.getTrustStorePassword()), properties.getTimeout());
    }

    @Bean
    AcmeCertificateIssuer acmeCertificateIssuer(AcmeSessions sessions, AcmeStore store, AcmeProperties properties, Clock clock) {
        return new AcmeCertificateIssuer(sessions, new AcmeAccounts(store, properties, clock), new Http01Solver(store, clock),
                clock);
    }

    @Bean
    AcmeBundles acmeBundles(AcmeCertificateSettings settings, ManagedCertificateStore store,
            ObjectProvider<SslBundleRegistry> registry, ObjectProvider<AcmeSessions> sessions, Clock clock) {
        return new AcmeBundles(settings, store, registry, () -> sessions.getObject().termsOfService(), clock);
    }

    @Bean
    AcmeCertificateService acmeCertificateService(AcmeCertificateSettings settings, ManagedCertificateStore certificates,
            AcmeStore store, CertificateIssuer issuer, AcmeBundles bundles, ApplicationEventPublisher events,
            ObjectProvider<MeterRegistry> meters, Clock clock) {
        return new AcmeCertificateService(settings, certificates, store, issuer, bundles, events, meters, clock);
    }

    @Bean
    RenewRequests acmeRenewRequests(PortalProperties properties) {
        return new RenewRequests(properties.getDataDir());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    static class Maintenance {

        @Bean
        CertificateMaintenance certificateMaintenance(AcmeCertificateService service, AcmeCertificateSettings settings,
                AcmeBundles bundles, ManagedCertificateStore certificates, AcmeStore store, CertificateIssuer issuer,
                RenewRequests requests, TaskScheduler taskScheduler, Clock clock, AcmeProperties properties) {
            return new CertificateMaintenance(service, settings, bundles, certificates, store, issuer, requests,
                    taskScheduler, clock, properties);
        }

    }

}
