package io.portal.system;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.portal.account.AdminProperties;
import io.portal.acme.AcmeProperties;
import io.portal.binding.BindingProperties;
import io.portal.certificate.CertificatesProperties;
import io.portal.cluster.ClusterProperties;
import io.portal.https.HttpsProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's settings are read strictly: a name it does not have stops the start with
 * where it was set and the name it most likely meant; a value it cannot use stops it with
 * what to write instead. Configuration is bound as in the application, without starting it.
 */
class StrictConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PortalSystemAutoConfiguration.class)).withUserConfiguration(PortalSettings.class);

    @Test
    void theDefaultsAndAFullConfigurationStart() {
        this.runner.run((context) -> assertThat(context).hasNotFailed());
        this.runner.withInitializer(yaml("""
                portal:
                  name: Shop
                  bindings:
                    web: { port: 80, redirect-to: secure }
                    api:
                      scheme: https
                      port: 8444
                      ssl-bundle: public
                      sni: { "[api.example.com]": api }
                      protocols: [TLSv1.3]
                      ciphers: [TLS_AES_128_GCM_SHA256]
                  certificates:
                    staging:
                      self-signed: { subject-alternative-names: [localhost], key-type: rsa-2048, validity: 90d }
                    public:
                      acme: { domains: [portal.example.com] }
                  acme: { directory: letsencrypt-staging, external-account: { key-id: kid, hmac-key: x } }
                  hsts: { max-age: 1y, trusted-ca-certificates: [] }
                  admin: { max-failed-logins: 3, failure-window: 10m }
                  settings-refresh: 500ms
                """)).run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(HttpsProperties.class).getHsts().getMaxAge()).isEqualTo(Duration.ofDays(365));
                    assertThat(context.getBean(HttpsProperties.class).getSettingsRefresh()).isEqualTo(Duration.ofMillis(500));
                    assertThat(context.getBean(BindingProperties.class).getBindings().get("api").getSni())
                        .containsEntry("api.example.com", "api");
                });
    }

    @Test
    void relaxedSpellingsAreTheSameSetting() {
        this.runner.withPropertyValues("portal.bindings.secure.sslBundle=portal", "portal.hsts.max_age=2h",
                "portal.admin.maxFailedLogins=4")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(AdminProperties.class).getMaxFailedLogins()).isEqualTo(4);
            });
    }

    @Test
    void aTypoAtEachLevelIsNamedWithWhereItWasSetAndTheNameItMeant() {
        Map<String, String> typos = Map.of(
                "portal.bindngs.web.port=8081", "portal.bindings.web.port",
                "portal.bindings.secure.ssl-bundel=public", "portal.bindings.secure.ssl-bundle",
                "portal.certificates.staging.self-signd.validity=1d", "portal.certificates.staging.self-signed.validity",
                "portal.certificates.staging.self-signed.key-typ=rsa-2048", "portal.certificates.staging.self-signed.key-type",
                "portal.acme.emial=ops@example.com", "portal.acme.email",
                "portal.acme.external-acount.key-id=k", "portal.acme.external-account.key-id",
                "portal.hsts.max-agee=1h", "portal.hsts.max-age",
                "portal.admin.max-failed-login=3", "portal.admin.max-failed-logins",
                "portal.settings-refrsh=2s", "portal.settings-refresh");
        typos.forEach((setting, meant) -> this.runner.withPropertyValues(setting).run((context) -> {
            UnknownPropertiesException failure = unknown(context);
            assertThat(failure.getProperties()).singleElement().satisfies((property) -> {
                assertThat(property.name()).isEqualTo(setting.substring(0, setting.indexOf('=')));
                assertThat(property.suggestion()).as(setting).isEqualTo(meant);
                assertThat(property.origin()).contains("property source 'test'");
            });
        }));
    }

    @Test
    void aNameFarFromAnyIsListedWithTheNamesItsGroupTakes() {
        this.runner.withPropertyValues("portal.bindings.web.colour=blue").run((context) -> {
            FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(unknown(context));
            assertThat(analysis.getDescription()).contains("portal.bindings.web.colour");
            assertThat(analysis.getAction()).contains("Remove portal.bindings.web.colour, or use one of the settings of "
                    + "portal.bindings.web: address, ciphers, enabled, http2, port, protocols, redirect-to, scheme, sni, ssl-bundle.");
        });
    }

    @Test
    void aTypoInApplicationYmlIsNamedWithItsLineAndColumn() {
        this.runner.withInitializer(yaml("""
                portal:
                  bindings:
                    secure:
                      ssl-bundel: public
                """)).run((context) -> {
                    FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(unknown(context));
                    assertThat(analysis.getDescription()).contains("portal.bindings.secure.ssl-bundel (application.yml line 4, column 19)");
                    assertThat(analysis.getAction()).contains("Rename portal.bindings.secure.ssl-bundel to portal.bindings.secure.ssl-bundle.");
                });
    }

    @Test
    void aTypoOnTheCommandLineIsNamedAsTheOption() {
        this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources()
            .addFirst(new SimpleCommandLinePropertySource("--portal.hsts.enabeld=true")))
            .run((context) -> assertThat(unknown(context).getProperties()).singleElement()
                .satisfies((property) -> assertThat(property.origin()).isEqualTo("command-line option --portal.hsts.enabeld")));
    }

    @Test
    void environmentVariablesAreCheckedWhereTheyLookLikePortalSettings() {
        environment(Map.of("PORTAL_BINDNGS_WEB_PORT", "1", "PORTAL_ACME_CHECK_INTRVAL", "5m", "PORTAL_BINDINGS_WEB_PROT", "1"))
            .run((context) -> {
                FailureAnalysis analysis = new UnknownPropertiesFailureAnalyzer().analyze(unknown(context));
                assertThat(analysis.getDescription()).contains("PORTAL_BINDNGS_WEB_PORT (environment variable, read as portal.bindngs.web.port)")
                    .contains("PORTAL_ACME_CHECK_INTRVAL").contains("PORTAL_BINDINGS_WEB_PROT");
                assertThat(analysis.getAction()).contains("Rename PORTAL_BINDNGS_WEB_PORT to PORTAL_BINDINGS_WEB_PORT.")
                    .contains("Rename PORTAL_ACME_CHECK_INTRVAL to PORTAL_ACME_CHECKINTERVAL.")
                    .contains("Rename PORTAL_BINDINGS_WEB_PROT to PORTAL_BINDINGS_WEB_PORT.");
            });
    }

    @Test
    void environmentVariablesOfOtherProgramsAndEverySpellingOfRealSettingsPass() {
        environment(Map.of("PORTAL_URL", "https://portal.example.com", "PORTAL_TOKEN", "ptk_x", "PORTAL_TEST_POSTGRES_URL", "jdbc:x",
                "PORTAL_MASTER_KEY", "x", "PORTAL_BINDINGS_SECURE_SSL_BUNDLE", "portal", "PORTAL_BINDINGS_SECURE_SSLBUNDLE", "portal",
                "PORTAL_ACME_EXTERNAL_ACCOUNT_HMAC_KEY", "x", "PORTAL_HSTS_MAX_AGE", "1y"))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(HttpsProperties.class).getHsts().getMaxAge()).isEqualTo(Duration.ofDays(365));
            });
    }

    @Test
    void aListSetAgainWithFewerElementsLeavesNoUnknownElementBehind() {
        this.runner.withInitializer(yaml("""
                portal:
                  bindings:
                    api: { scheme: https, port: 8444, ssl-bundle: portal, protocols: [TLSv1.3, TLSv1.2] }
                """)).withPropertyValues("portal.bindings.api.protocols=TLSv1.3").run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void portalDurationsAreReadInThePortalFormatAndOtherPropertiesKeepSpringBootsFormat() {
        this.runner.withUserConfiguration(OtherSettings.class)
            .withPropertyValues("portal.acme.timeout=45", "other.timeout=45", "portal.acme.check-interval=1w")
            .run((context) -> {
                assertThat(context.getBean(AcmeProperties.class).getTimeout()).isEqualTo(Duration.ofSeconds(45));
                assertThat(context.getBean(AcmeProperties.class).getCheckInterval()).isEqualTo(Duration.ofDays(7));
                assertThat(context.getBean(OtherProperties.class).getTimeout()).isEqualTo(Duration.ofMillis(45));
            });
    }

    @Test
    void anUnreadableValueNamesTheSettingAndTheFormatToUse() {
        this.runner.withPropertyValues("portal.hsts.max-age=a year").run((context) -> {
            FailureAnalysis analysis = new PortalBindFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("portal.hsts.max-age ('portal.hsts.max-age' of property source 'test') "
                    + "cannot be used: 'a year' is not a duration; give seconds (31536000) or a duration such as 1h, 365d or 1y.");
            assertThat(analysis.getAction()).contains("a duration such as 30s, 5m, 1h30m, 365d or 1y (a plain number is seconds)");
        });
        this.runner.withPropertyValues("portal.certificates.x.self-signed.key-type=ec").run((context) -> {
            FailureAnalysis analysis = new PortalBindFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getAction()).contains("one of ec-p256, rsa-2048, rsa-3072, rsa-4096");
        });
        this.runner.withPropertyValues("portal.admin.max-failed-logins=five").run((context) -> assertThat(
                new PortalBindFailureAnalyzer().analyze(context.getStartupFailure()).getDescription()).contains("'five' is not a whole number"));
    }

    @Test
    void valuesOutOfRangeAreRefusedBeforeAnyBeanIsMade() {
        Map<String, String> cases = Map.of(
                "portal.settings-refresh=0s", "portal.settings-refresh",
                "portal.acme.poll-interval=0", "portal.acme.poll-interval",
                "portal.acme.check-interval=0s", "portal.acme.check-interval",
                "portal.acme.timeout=0", "portal.acme.timeout",
                "portal.admin.max-failed-logins=-1", "portal.admin.max-failed-logins",
                "portal.admin.max-failed-logins=0", "portal.admin.max-failed-logins",
                "portal.admin.failure-window=0s", "portal.admin.failure-window",
                "portal.hsts.max-age=-PT1S", "portal.hsts.max-age",
                "portal.certificates.x.self-signed.validity=1m", "portal.certificates.x.self-signed.validity",
                "portal.name=", "portal.name");
        cases.forEach((setting, name) -> this.runner.withPropertyValues(setting).run((context) -> {
            assertThat(context).as(setting).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(BindException.class);
            FailureAnalysis analysis = new PortalBindFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as(setting).isNotNull();
            assertThat(analysis.getDescription()).as(setting).startsWith(name + " (");
            assertThat(analysis.getAction()).as(setting).contains(name).containsPattern("such as|must");
        }));
    }

    private static UnknownPropertiesException unknown(ConfigurableApplicationContext context) {
        Throwable failure = ((org.springframework.boot.test.context.assertj.AssertableApplicationContext) context).getStartupFailure();
        assertThat(failure).isInstanceOf(UnknownPropertiesException.class);
        return (UnknownPropertiesException) failure;
    }

    /**
     * Environment variables as Spring Boot reads them, with their origin.
     */
    private ApplicationContextRunner environment(Map<String, String> variables) {
        return this.runner.withInitializer((context) -> {
            context.getEnvironment().getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.copyOf(variables)));
            new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(),
                    new SpringApplication());
        });
    }

    static org.springframework.context.ApplicationContextInitializer<ConfigurableApplicationContext> yaml(String text) {
        return (context) -> {
            try {
                List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application.yml",
                        new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
                            @Override
                            public String getDescription() {
                                return "application.yml";
                            }
                        });
                sources.forEach(context.getEnvironment().getPropertySources()::addLast);
            }
            catch (java.io.IOException ex) {
                throw new IllegalStateException(ex);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ PortalProperties.class, BindingProperties.class, CertificatesProperties.class,
            AcmeProperties.class, HttpsProperties.class, AdminProperties.class, ClusterProperties.class })
    static class PortalSettings {

    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OtherProperties.class)
    static class OtherSettings {

    }

    @ConfigurationProperties("other")
    static class OtherProperties {

        private Duration timeout;

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

    }

}
