package io.portal.https;

import io.portal.binding.ConditionalOnBindings;

import io.portal.server.PortalServerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;

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
import io.portal.binding.Listeners;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.scheduling.TaskScheduler;
import io.portal.binding.Binding;
import io.portal.binding.BindingProperties;
import io.portal.binding.BindingStore;
import io.portal.binding.BindingWarnings;
import io.portal.binding.StoredBindingWarnings;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Forcing HTTPS and HSTS in a servlet application, and what keeps the HTTPS settings
 * current: the live settings, the HSTS ramp, the warnings and their maintenance. Where the
 * application has Spring Security, every filter chain built from its {@code HttpSecurity}
 * redirects and sends HSTS ({@link HttpsEnforcement}); without it, one servlet filter in
 * front of the application does ({@link HttpsEnforcementFilter}). Neither changes who may
 * reach what.
 */
@AutoConfiguration(after = { PortalHttpsSettingsAutoConfiguration.class, PortalServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBindings
public class PortalHttpsAutoConfiguration {



    @Bean
    LiveHttpsSettings liveHttpsSettings(HttpsProperties properties, HttpsSettingsStore store, CurrentBindings bindings) {
        return new LiveHttpsSettings(HttpsSettings.of(properties), store, bindings);
    }

    @Bean
    HstsRamp hstsRamp(HstsStateStore store, Clock clock) {
        return new HstsRamp(store, clock);
    }

    @Bean
    ServedCertificates servedCertificates(Listeners connectors, CertificateCatalog catalog, HttpsProperties properties,
            Clock clock) {
        return new ServedCertificates(connectors, catalog, CertificateTrust.jvmDefaultAnd(trustedCas(properties)), clock);
    }

    @Bean
    HttpsWarnings httpsWarnings(LiveHttpsSettings settings, Listeners connectors, ServedCertificates certificates,
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
            ServedCertificates certificates, HstsRamp ramp, Listeners connectors, Clock clock) {
        return new HttpsSettingsService(configurator, warnings, certificates, ramp, connectors, clock);
    }

    @Bean
    HttpsMaintenance httpsMaintenance(LiveHttpsSettings settings, HstsRamp ramp, ServedCertificates certificates,
            HttpsWarnings warnings, HttpsProperties properties, TaskScheduler taskScheduler) {
        return new HttpsMaintenance(settings, ramp, certificates, warnings, taskScheduler, properties.getSettingsRefresh());
    }

    /**
     * Where the application has Spring Security: every chain redirects and sends HSTS.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HttpSecurity.class)
    static class SpringSecurityEnforcement {

        @Bean
        HttpsEnforcement httpsEnforcement(LiveHttpsSettings settings, Listeners listeners, HstsRamp ramp) {
            return new HttpsEnforcement(settings, listeners, ramp);
        }

    }

    /**
     * Without Spring Security: a servlet filter in front of the application redirects and
     * sends HSTS.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.config.annotation.web.builders.HttpSecurity")
    static class ServletFilterEnforcement {

        /**
         * Before every other filter of the application, so that nothing is answered over
         * HTTP that should have been redirected.
         */
        static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

        @Bean
        FilterRegistrationBean<HttpsEnforcementFilter> httpsEnforcementFilter(LiveHttpsSettings settings, Listeners listeners,
                HstsRamp ramp) {
            FilterRegistrationBean<HttpsEnforcementFilter> registration = new FilterRegistrationBean<>(
                    new HttpsEnforcementFilter(settings, listeners, ramp));
            registration.setOrder(ORDER);
            return registration;
        }

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
