package io.portal.security;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateTrust;
import io.portal.server.BindingConnectors;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import io.portal.binding.Binding;
import io.portal.binding.BindingProperties;
import io.portal.binding.BindingStore;
import io.portal.binding.BindingWarnings;
import io.portal.binding.StoredBindingWarnings;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security filter chains of the web server, and what keeps the HTTPS settings current
 * in it.
 * <p>
 * The chain for ACME HTTP-01 challenges, open to all and never redirected, comes first;
 * the admin API's and the pages' chains, with authentication, are in
 * {@link AdminSecurityConfiguration}. Every chain sends HSTS through
 * {@link HttpsEnforcement}, and all but the first redirect to HTTPS when that is forced.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableScheduling
class SecurityConfiguration {

    /**
     * Order of the chain for ACME challenges: before every other chain.
     */
    static final int ACME_CHALLENGE_ORDER = Ordered.HIGHEST_PRECEDENCE;

    /**
     * Order of the chain for everything else: after every other chain.
     */
    static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE;



    @Bean
    LiveHttpsSettings liveHttpsSettings(HttpsProperties properties, HttpsSettingsStore store, CurrentBindings bindings) {
        return new LiveHttpsSettings(HttpsSettings.of(properties), store, bindings);
    }

    @Bean
    HstsRamp hstsRamp(HstsStateStore store, Clock clock) {
        return new HstsRamp(store, clock);
    }

    @Bean
    ServedCertificates servedCertificates(BindingConnectors connectors, CertificateCatalog catalog, HttpsProperties properties,
            Clock clock) {
        return new ServedCertificates(connectors, catalog, CertificateTrust.jvmDefaultAnd(trustedCas(properties)), clock);
    }

    @Bean
    HttpsWarnings httpsWarnings(LiveHttpsSettings settings, BindingConnectors connectors, ServedCertificates certificates,
            HstsRamp ramp, Clock clock, BindingProperties bindingProperties, BindingStore bindingStore) {
        StoredBindingWarnings stored = new StoredBindingWarnings(bindingProperties, bindingStore);
        return new HttpsWarnings(settings, connectors, certificates, ramp, clock, () -> stored.current().stream()
            .map((w) -> new HttpsWarning(w.code(), w.message(), w.fix()))
            .toList());
    }

    /**
     * The warnings of previews of binding changes: those about HTTPS for the resulting
     * bindings, and self-signed or expired certificates they would serve.
     */
    @Bean
    BindingWarnings bindingWarnings(HttpsWarnings warnings, CertificateCatalog catalog, Clock clock) {
        return (bindings) -> {
            List<String> messages = new ArrayList<>();
            warnings.forBindings(bindings).forEach((w) -> messages.add(w.message() + " Fix: " + w.fix()));
            for (Binding binding : bindings) {
                for (String bundle : binding.bundles()) {
                    catalog.find(bundle).ifPresent((summary) -> {
                        if (summary.selfSigned()) {
                            messages.add("Binding '" + binding.name() + "' serves the self-signed certificate '" + bundle
                                    + "': browsers will warn until it is trusted or replaced.");
                        }
                        if (!summary.isCurrentlyValid(clock) && !summary.warnings().isEmpty()) {
                            messages.add("Binding '" + binding.name() + "' serves certificate '" + bundle + "', which "
                                    + summary.warnings().get(0) + ".");
                        }
                    });
                }
            }
            return messages;
        };
    }

    @Bean
    HttpsSettingsService httpsSettingsService(HttpsConfigurator configurator, HttpsWarnings warnings,
            ServedCertificates certificates, HstsRamp ramp, BindingConnectors connectors, Clock clock) {
        return new HttpsSettingsService(configurator, warnings, certificates, ramp, connectors, clock);
    }

    @Bean
    HttpsEnforcement httpsEnforcement(LiveHttpsSettings settings, BindingConnectors connectors, HstsRamp ramp) {
        return new HttpsEnforcement(settings, connectors, ramp);
    }

    @Bean
    HttpsMaintenance httpsMaintenance(LiveHttpsSettings settings, HstsRamp ramp, ServedCertificates certificates,
            HttpsWarnings warnings, HttpsProperties properties, TaskScheduler taskScheduler) {
        return new HttpsMaintenance(settings, ramp, certificates, warnings, taskScheduler, properties.getSettingsRefresh());
    }

    @Bean
    @Order(ACME_CHALLENGE_ORDER)
    SecurityFilterChain acmeChallengeSecurityFilterChain(HttpSecurity http, HttpsEnforcement enforcement) throws Exception {
        http.securityMatcher(HttpsEnforcement.ACME_CHALLENGE)
            .authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
            .csrf((csrf) -> csrf.disable())
            .requestCache((cache) -> cache.disable())
            .sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        SecurityHeaders.customize(http);
        enforcement.hstsOnly().customize(http);
        return http.build();
    }

    private static List<X509Certificate> trustedCas(HttpsProperties properties) {
        List<X509Certificate> cas = new ArrayList<>();
        for (Resource resource : properties.getHsts().getTrustedCaCertificates()) {
            try (InputStream in = resource.getInputStream()) {
                CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach((certificate) -> cas.add((X509Certificate) certificate));
            }
            catch (IOException | CertificateException ex) {
                throw new InvalidHttpsSettingsException("portal.hsts.trusted-ca-certificates", "names "
                        + resource.getDescription() + ", which cannot be read as CA certificates (" + ex.getMessage() + ")",
                        "Give PEM files of CA certificates, such as file:/etc/portal/company-ca.pem.");
            }
        }
        return cas;
    }

}
