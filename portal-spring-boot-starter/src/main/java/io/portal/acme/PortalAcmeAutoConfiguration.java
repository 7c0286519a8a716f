package io.portal.acme;

import io.portal.binding.PortalBindingsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.portal.audit.AuditLog;
import io.portal.binding.Binding;
import io.portal.binding.BindingProperties;
import io.portal.binding.BindingStore;
import io.portal.binding.ConfiguredBindings;
import io.portal.certificate.BundleOrigins;
import io.portal.certificate.CertificatesProperties;
import io.portal.certificate.ManagedCertificateStore;
import io.portal.store.ChangeTransaction;
import io.portal.store.SecretCipher;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of ACME certificates: store, CA sessions, accounts, issuer, the bundles they
 * serve, the renewal service, and the certificates requested at runtime with their
 * progress; in a web application also the maintenance loop.
 */
@AutoConfiguration(after = { PortalBindingsAutoConfiguration.class, TaskSchedulingAutoConfiguration.class })
@EnableConfigurationProperties(AcmeProperties.class)
public class PortalAcmeAutoConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcAcmeStore acmeStore(JdbcClient jdbcClient, SecretCipher secretCipher, TransactionTemplate transactionTemplate) {
        return new JdbcAcmeStore(jdbcClient, secretCipher, transactionTemplate);
    }

    @Bean
    AcmeCertificateSettings acmeCertificateSettings(AcmeProperties properties, CertificatesProperties certificates,
            BindingProperties bindings, AcmeStore store) {
        return new AcmeCertificateSettings(properties, certificates, bindings, store);
    }

    @Bean
    AcmeSessions acmeSessions(AcmeProperties properties, AcmeCertificateSettings settings, JsonMapper json) {
        String trustStore = properties.getTrustStore();
        return new AcmeSessions(properties.directoryUrl(), (trustStore == null || trustStore.isBlank()) ? List.of()
                : AcmeTrust.extraCertificates(trustStore, properties.getTrustStorePassword()), settings::caRoots,
                properties.getTimeout(), json);
    }

    @Bean
    AcmeAccounts acmeAccounts(AcmeStore store, AcmeCertificateSettings settings, Clock clock) {
        return new AcmeAccounts(store, settings.configuredAccount(), clock);
    }

    @Bean
    ChallengeFetches acmeChallengeFetches() {
        return new ChallengeFetches();
    }

    @Bean
    AcmeCertificateIssuer acmeCertificateIssuer(AcmeSessions sessions, AcmeAccounts accounts, AcmeStore store, Clock clock,
            ChallengeFetches fetches) {
        return new AcmeCertificateIssuer(sessions, accounts, new Http01Solver(store, clock), clock, fetches);
    }

    @Bean
    AcmeBundles acmeBundles(AcmeCertificateSettings settings, ManagedCertificateStore store,
            AcmeSessions sessions, Clock clock) {
        return new AcmeBundles(settings, store, sessions::termsOfService, clock);
    }

    @Bean
    AcmeCertificateService acmeCertificateService(AcmeCertificateSettings settings, ManagedCertificateStore certificates,
            AcmeStore store, CertificateIssuer issuer, AcmeBundles bundles, ApplicationEventPublisher events,
            ObjectProvider<MeterRegistry> meters, Clock clock, TaskScheduler taskScheduler, ChangeTransaction changes) {
        return new AcmeCertificateService(settings, certificates, store, issuer, bundles, events, meters, clock,
                taskScheduler, changes);
    }

    @Bean
    AcmeRequests acmeRequests(AcmeCertificateSettings settings, AcmeSessions sessions, AcmeAccounts accounts,
            SslBundles sslBundles, BindingProperties bindings, BindingStore bindingStore) {
        return new AcmeRequests(settings, sessions, accounts, sslBundles::getBundleNames,
                () -> bindings(bindings, bindingStore));
    }

    @Bean
    RuntimeAcmeCertificates runtimeAcmeCertificates(AcmeCertificateSettings settings, AcmeStore store, AcmeBundles bundles,
            AcmeCertificateService service, ObjectProvider<CertificateMaintenance> maintenance,
            BundleOrigins origins, AcmeProgressLog progress, Clock clock,
            ChangeTransaction changes) {
        return new RuntimeAcmeCertificates(settings, store, bundles, service, maintenance, origins, progress, clock,
                changes);
    }

    @Bean
    AcmeProgressLog acmeProgressLog(AcmeCertificateSettings settings, AcmeCertificateService service, AcmeBundles bundles,
            BindingProperties bindings, BindingStore bindingStore) {
        return new AcmeProgressLog(settings, service, (name) -> bundles.served(name).map(AcmeBundles.Served::fingerprint),
                () -> bindings(bindings, bindingStore));
    }

    @Bean
    AcmeOrders acmeOrders(AcmeCertificateSettings settings, AcmeRequests requests, RuntimeAcmeCertificates runtime,
            AcmeProgressLog progress, AcmeCertificateService service, AcmeBundles bundles,
            ObjectProvider<CertificateMaintenance> maintenance, AuditLog audit, JsonMapper json, ChangeTransaction changes) {
        return new AcmeOrders(settings, requests, runtime, progress, service, bundles, maintenance, audit, json, changes);
    }

    /**
     * Every enabled binding, from configuration and from the state store.
     */
    private static List<Binding> bindings(BindingProperties properties, BindingStore store) {
        return ConfiguredBindings.withStored(properties, store);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    static class Maintenance {

        /**
         * HTTP-01 challenges are answered before any other filter of the application (the
         * HTTPS redirect, Spring Security), so that they need no credentials and no HTTPS.
         */
        @Bean
        FilterRegistrationBean<AcmeChallengeFilter> acmeChallengeFilter(AcmeStore store, ChallengeFetches fetches) {
            FilterRegistrationBean<AcmeChallengeFilter> registration = new FilterRegistrationBean<>(
                    new AcmeChallengeFilter(store, fetches));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            return registration;
        }

        @Bean
        CertificateMaintenance certificateMaintenance(AcmeCertificateService service, AcmeCertificateSettings settings,
                AcmeBundles bundles, ManagedCertificateStore certificates, AcmeStore store, CertificateIssuer issuer,
                TaskScheduler taskScheduler, IssuanceExecutor acmeIssuanceExecutor, Clock clock, AcmeProperties properties) {
            return new CertificateMaintenance(service, settings, bundles, certificates, store, issuer, taskScheduler,
                    acmeIssuanceExecutor, clock, properties);
        }

        /**
         * Where checks and orders run, apart from the scheduler that triggers them: two at a
         * time, up to a hundred waiting. A test may register its own.
         */
        @Bean
        @ConditionalOnMissingBean
        IssuanceExecutor acmeIssuanceExecutor() {
            return IssuanceExecutor.bounded(2, 100);
        }

    }

}
