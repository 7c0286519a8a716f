package io.portal.web;

import io.portal.binding.ConditionalOnBindings;
import io.portal.admin.PortalAdminApiAutoConfiguration;
import io.portal.authentication.PortalAdminSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Import;

import java.util.List;

import java.time.Clock;
import java.util.ArrayList;

import io.portal.account.AdminAccounts;
import io.portal.account.AdminProperties;
import io.portal.binding.Listeners;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.ExpiryWarning;
import io.portal.https.HttpsWarnings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * The pages: dashboard, bindings, certificates, Let's Encrypt, HTTPS settings, problem
 * types, and what every page shows.
 */
@AutoConfiguration(after = { PortalAdminApiAutoConfiguration.class, PortalAdminSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "portal.admin.enabled", matchIfMissing = true)
@ConditionalOnBindings
@Import({ DashboardController.class, BindingPagesController.class, CertificatePagesController.class,
        LetsEncryptPagesController.class, HttpsSettingsPageController.class, ProblemPagesController.class,
        PageAttributes.class, PageErrors.class })
public class PortalPagesAutoConfiguration {

    @Bean
    @ConditionalOnWebApplication
    StartupReport startupReport(Listeners listeners, AdminAccounts accounts, AdminProperties properties, CertificateCatalog catalog) {
        return new StartupReport(listeners, accounts, properties, catalog);
    }

    @Bean
    StaticFiles portalStaticFiles() {
        return new StaticFiles();
    }

    /**
     * Pages rendered whole before they are written, with {@link WholePageView}, so that each
     * goes out in one piece with its length. Written as it was rendered, every small piece
     * of a page went through each of Spring Security's response wrappers.
     */
    @Bean
    static BeanPostProcessor wholePageViews() {
        return new BeanPostProcessor() {

            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ThymeleafViewResolver resolver) {
                    resolver.setViewClass(WholePageView.class);
                    resolver.setProducePartialOutputWhileProcessing(false);
                }
                return bean;
            }

        };
    }

    @Bean
    PageAttributes.PageSections pageSections() {
        return new PageAttributes.PageSections(true, true);
    }

    /**
     * The dashboard's warnings: the HTTPS warnings, and certificates that expire within
     * the {@link ExpiryWarning} threshold or cannot be loaded.
     */
    @Bean
    DashboardController.PageWarnings pageWarnings(HttpsWarnings https, CertificateCatalog catalog, ExpiryWarning expiry,
            Clock clock) {
        return () -> {
            List<PageWarning> warnings = new ArrayList<>();
            https.current().forEach((w) -> warnings.add(new PageWarning(w.code(), w.message(), w.fix())));
            for (CertificateCatalog.Entry entry : catalog.entries()) {
                if (entry.problem() != null) {
                    warnings.add(new PageWarning("certificate-unusable", entry.problem().getMessage(), entry.problem().getAction()));
                }
                else if (expiry.isDue(entry.summary(), clock)) {
                    warnings.add(new PageWarning("certificate-expiring", "Certificate '" + entry.bundle() + "' ("
                            + entry.summary().subject() + ") " + (entry.summary().isCurrentlyValid(clock)
                                    ? "expires on " + entry.summary().notAfter() : entry.summary().warnings().get(0)) + ".",
                            "Replace it, or renew it before it expires."));
                }
            }
            return warnings;
        };
    }

}
