package io.portal.server;

import java.nio.file.Path;

import io.portal.binding.BindingProperties;
import io.portal.binding.Listeners;
import io.portal.certificate.PortalSslBundleRegistry;
import io.portal.testing.StarterContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server part of the starter: one Tomcat connector per binding in place of Spring
 * Boot's single one, and certificates as SSL bundles.
 */
class PortalServerAutoConfigurationTests {

    @TempDir
    Path dir;

    @Test
    void theBindingsServerReplacesSpringBootsSingleConnectorTomcat() {
        StarterContexts.web(this.dir)
            .withPropertyValues("portal.bindings.site.scheme=https", "portal.bindings.site.port=0",
                    "portal.bindings.site.ssl-bundle=site", "portal.certificates.site.self-signed.key-type=ec-p256")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).getBean(ServletWebServerFactory.class).isInstanceOf(PortalTomcatWebServerFactory.class);
                assertThat(context).hasSingleBean(ServletWebServerFactory.class);
                assertThat(context).getBean(Listeners.class).isInstanceOf(BindingConnectors.class);
                assertThat(context.getBean(BindingProperties.class).getBindings()).containsOnlyKeys("web", "site");
            });
    }

    @Test
    void theRegistryOfSslBundlesHoldsThePortalsCertificates() {
        StarterContexts.web(this.dir)
            .withPropertyValues("portal.certificates.site.self-signed.key-type=ec-p256")
            .run((context) -> {
                assertThat(context).hasSingleBean(SslBundles.class);
                SslBundles bundles = context.getBean(SslBundles.class);
                assertThat(bundles).isInstanceOf(PortalSslBundleRegistry.class);
                assertThat(bundles.getBundleNames()).contains("site");
            });
    }

    @Test
    void withoutBindingsSpringBootsOwnServerIsLeftAlone() {
        new WebApplicationContextRunner().withConfiguration(StarterContexts.BOOT)
            .withConfiguration(StarterContexts.PORTAL)
            .withPropertyValues("portal.data-dir=" + this.dir, "spring.datasource.url=jdbc:h2:mem:no-bindings")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).getBean(ServletWebServerFactory.class).isExactlyInstanceOf(TomcatServletWebServerFactory.class);
                assertThat(context).doesNotHaveBean(Listeners.class).doesNotHaveBean("httpsEnforcementFilter");
                assertThat(context).hasSingleBean(PortalSslBundleRegistry.class);
            });
    }

    @Test
    void notInAWebApplication() {
        StarterContexts.notWeb(this.dir).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ServletWebServerFactory.class);
            assertThat(context).doesNotHaveBean(Listeners.class);
        });
    }

}
