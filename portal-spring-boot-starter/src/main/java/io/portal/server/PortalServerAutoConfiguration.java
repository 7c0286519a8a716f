package io.portal.server;

import io.portal.binding.ConditionalOnBindings;
import io.portal.binding.PortalBindingsAutoConfiguration;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;

import io.portal.binding.BindingProperties;
import io.portal.binding.BindingStore;
import io.portal.certificate.BundleOrigins;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateProblemException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Replaces Spring Boot's single-connector Tomcat with one connector per binding.
 */
// Before Spring Boot's Tomcat auto-configuration, whose single-connector factory backs off for this one.
@AutoConfiguration(after = PortalBindingsAutoConfiguration.class, before = TomcatServletWebServerAutoConfiguration.class)
@ConditionalOnClass(Tomcat.class)
@ConditionalOnBindings
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PortalServerAutoConfiguration {

    @Bean
    BindingConnectors bindingConnectors(SslBundles sslBundles, CertificateCatalog catalog, BindingProperties bindingProperties) {
        return new BindingConnectors(sslBundles,
                (name, bundle) -> catalog.problemWith(name, bundle).map(CertificateProblemException::getReason),
                bindingProperties::offersHttp2);
    }

    @Bean
    PortalTomcatWebServerFactory portalTomcatWebServerFactory(BindingProperties bindingProperties, BindingStore bindingStore,
            SslBundles sslBundles, CertificateCatalog catalog, BundleOrigins origins, BindingConnectors connectors,
            ObjectProvider<TomcatConnectorCustomizer> connectorCustomizers,
            ObjectProvider<TomcatContextCustomizer> contextCustomizers,
            ObjectProvider<TomcatProtocolHandlerCustomizer<?>> protocolHandlerCustomizers) {
        PortalTomcatWebServerFactory factory = new PortalTomcatWebServerFactory(
                new StartupBindings(bindingProperties, bindingStore, sslBundles, catalog, origins, connectors), connectors);
        factory.getConnectorCustomizers().addAll(connectorCustomizers.orderedStream().toList());
        factory.getContextCustomizers().addAll(contextCustomizers.orderedStream().toList());
        factory.getProtocolHandlerCustomizers().addAll(protocolHandlerCustomizers.orderedStream().toList());
        return factory;
    }

}
