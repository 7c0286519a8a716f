package io.portal.certificate;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.portal.store.SecretCipher;

/**
 * Wiring of certificates: the store, the registrar of managed bundles, the catalog, and
 * the health component and metrics that report on them.
 */
@Configuration(proxyBeanMethods = false)
class CertificateConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcManagedCertificateStore managedCertificateStore(JdbcClient jdbcClient, SecretCipher secretCipher,
            TransactionTemplate transactionTemplate) {
        return new JdbcManagedCertificateStore(jdbcClient, secretCipher, transactionTemplate);
    }

    @Bean
    SelfSignedCertificates selfSignedCertificates(ManagedCertificateStore store, Clock clock) {
        return new SelfSignedCertificates(store, new SelfSignedCertificateFactory(clock), clock);
    }

    @Bean
    ManagedCertificateRegistrar managedCertificateRegistrar(CertificatesProperties properties,
            SslProperties sslProperties, SelfSignedCertificates selfSigned,
            ObjectProvider<ManagedCertificateSource> sources) {
        return new ManagedCertificateRegistrar(properties, sslProperties, selfSigned, sources.orderedStream().toList());
    }

    @Bean
    BundleOrigins bundleOrigins(SslProperties sslProperties, CertificatesProperties properties) {
        return new BundleOrigins(sslProperties, properties);
    }

    @Bean
    CertificatesHealthIndicator certificatesHealthIndicator(CertificateCatalog catalog,
            ObjectProvider<CertificateRenewals> renewals, Clock clock) {
        return new CertificatesHealthIndicator(catalog, renewals, clock);
    }

    @Bean
    CertificateMetrics certificateMetrics(CertificateCatalog catalog, Clock clock) {
        return new CertificateMetrics(catalog, clock);
    }

    @Bean
    CertificateCatalog certificateCatalog(SslBundles sslBundles, BundleOrigins origins, Clock clock) {
        return new CertificateCatalog(sslBundles, new CertificateInspector(origins, clock));
    }

}
