package io.portal.system;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.portal.acme.IssuanceExecutor;
import io.portal.binding.BindingProperties;
import io.portal.certificate.ManagedCertificateStore;
import io.portal.https.HttpsConfigurator;
import io.portal.https.HttpsEnforcement;
import io.portal.testing.StarterContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter's auto-configuration provides, where it backs off, and how it reads
 * its settings.
 */
class PortalSystemAutoConfigurationTests {

    @TempDir
    Path dir;

    @Test
    void theApplicationsClockIsUsedInsteadOfTheStartersOwn() {
        StarterContexts.web(this.dir).withUserConfiguration(FixedClock.class).run((context) -> {
            assertThat(context).hasSingleBean(Clock.class);
            assertThat(context.getBean(Clock.class).instant()).isEqualTo(FixedClock.NOW);
        });
    }

    @Test
    void theApplicationsIssuanceExecutorIsUsedInsteadOfTheStartersOwn() {
        StarterContexts.web(this.dir).withBean("myExecutor", IssuanceExecutor.class, IssuanceExecutor::direct)
            .run((context) -> assertThat(context).hasSingleBean(IssuanceExecutor.class).hasBean("myExecutor"));
    }

    @Test
    void withoutAWebServerOnlyTheStoreAndTheSettingsAreThereAsTheShellNeedsThem() {
        StarterContexts.notWeb(this.dir).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ManagedCertificateStore.class).hasSingleBean(HttpsConfigurator.class);
            assertThat(context).doesNotHaveBean("clusterMaintenance").doesNotHaveBean(HttpsEnforcement.class);
        });
    }

    @Test
    void bindingsAreReadFromPropertiesWithRelaxedNames() {
        StarterContexts.web(this.dir)
            .withPropertyValues("PORTAL_BINDINGS_SITE_SCHEME=https", "portal.bindings.site.port=0",
                    "portal.bindings.site.ssl-bundle=site", "portal.certificates.site.self-signed.key-type=ec-p256",
                    "portal.bindings.site.protocols=TLSv1.3")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                BindingProperties.Listener site = context.getBean(BindingProperties.class).getBindings().get("site");
                assertThat(site.getProtocols()).containsExactly("TLSv1.3");
            });
    }

    @Test
    void anInvalidValueStopsTheStartNamingTheSetting() {
        StarterContexts.web(this.dir).withPropertyValues("portal.redirect-status=305").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure().hasStackTraceContaining("portal.redirect-status")
                .hasStackTraceContaining("305");
        });
    }

    @Test
    void aMisspelledPortalSettingStopsTheStart() {
        StarterContexts.web(this.dir).withPropertyValues("portal.bindings.web.prot=8080").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure()
                .isInstanceOf(UnknownPropertiesException.class)
                .hasMessageContaining("portal.bindings.web.prot");
        });
    }

    @Test
    void theApplicationsScheduledMethodsRunAsTheStarterSwitchesSchedulingOn() {
        StarterContexts.web(this.dir).withUserConfiguration(Ticking.class).run((context) -> {
            Ticking ticking = context.getBean(Ticking.class);
            assertThat(ticking.ticked.await(10, TimeUnit.SECONDS)).as("the application's @Scheduled method ran").isTrue();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Ticking {

        final CountDownLatch ticked = new CountDownLatch(1);

        @Scheduled(fixedDelay = 50)
        void tick() {
            this.ticked.countDown();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class FixedClock {

        static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

        @Bean
        Clock myClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

    }

}
