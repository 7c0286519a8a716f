package io.portal.certificate;

import io.portal.store.PortalStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.application.SslHealthIndicatorProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.portal.store.ChangeTransaction;
import io.portal.store.SecretCipher;

/**
 * Wiring of certificates: the store, the registrar of managed bundles, the catalog, and
 * the health component and metrics that report on them. The expiry threshold is Spring
 * Boot's {@code management.health.ssl} setting, bound here because the portal's defaults
 * switch Boot's own {@code ssl} health component off.
 */
// Before Spring Boot's SSL auto-configuration: the portal's registry, which also holds the
// managed certificates, takes the place of Boot's (which backs off), with Boot's spring.ssl.bundle.* bundles in it.
@AutoConfiguration(after = PortalStoreAutoConfiguration.class, before = SslAutoConfiguration.class)
@EnableConfigurationProperties({ CertificatesProperties.class, SslProperties.class,
        SslHealthIndicatorProperties.class })
public class PortalCertificatesAutoConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcManagedCertificateStore managedCertificateStore(JdbcClient jdbcClient, SecretCipher secretCipher,
            TransactionTemplate transactionTemplate) {
        return new JdbcManagedCertificateStore(jdbcClient, secretCipher, transactionTemplate);
    }

    @Bean
    SelfSignedCertificateFactory selfSignedCertificateFactory(Clock clock) {
        return new SelfSignedCertificateFactory(clock);
    }

    @Bean
    SelfSignedCertificates selfSignedCertificates(ManagedCertificateStore store, SelfSignedCertificateFactory factory, Clock clock) {
        return new SelfSignedCertificates(store, factory, clock);
    }

    @Bean
    ManagedCertificateRegistrar managedCertificateRegistrar(CertificatesProperties properties,
            SslProperties sslProperties, SelfSignedCertificates selfSigned,
            ObjectProvider<ManagedCertificateSource> sources) {
        return new ManagedCertificateRegistrar(properties, sslProperties, selfSigned, sources.orderedStream().toList());
    }

    @Bean
    PortalSslBundleRegistry sslBundleRegistry(ObjectProvider<SslBundleRegistrar> registrars,
            ObjectProvider<SslBundleOwner> owners) {
        PortalSslBundleRegistry registry = new PortalSslBundleRegistry();
        registrars.orderedStream().forEach((registrar) -> registrar.registerBundles(registry));
        owners.orderedStream().forEach((owner) -> owner.registerBundles(registry));
        return registry;
    }

    @Bean
    RuntimeCertificates runtimeCertificates(ManagedCertificateStore store, JdbcClient jdbcClient, ChangeTransaction changes,
            Clock clock, BundleOrigins origins,
            ObjectProvider<RuntimeCertificateSource> sources) {
        return new RuntimeCertificates(store, jdbcClient, changes, clock, origins, sources);
    }

    @Bean
    BundleOrigins bundleOrigins(SslProperties sslProperties, CertificatesProperties properties) {
        return new BundleOrigins(sslProperties, properties);
    }

    @Bean
    ExpiryWarning certificateExpiryWarning(SslHealthIndicatorProperties properties) {
        return new ExpiryWarning(properties.getCertificateValidityWarningThreshold());
    }

    @Bean
    CertificatesHealthIndicator certificatesHealthIndicator(CertificateCatalog catalog,
            CertificateRenewals renewals, ObjectProvider<ServedBundles> served, ExpiryWarning expiryWarning,
            Clock clock) {
        return new CertificatesHealthIndicator(catalog, renewals, served, expiryWarning, clock);
    }

    @Bean
    CertificateMetrics certificateMetrics(CertificateCatalog catalog, PortalSslBundleRegistry sslBundles, Clock clock) {
        return new CertificateMetrics(catalog, sslBundles, clock);
    }

    @Bean
    CertificateCatalog certificateCatalog(PortalSslBundleRegistry sslBundles, BundleOrigins origins, Clock clock) {
        return new CertificateCatalog(sslBundles, new CertificateInspector(origins, clock));
    }

}
