package io.portal.script;

import io.portal.binding.ConditionalOnBindings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import io.portal.acme.PortalAcmeAutoConfiguration;
import io.portal.server.PortalServerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;

import io.portal.acme.AcmeProperties;
import io.portal.binding.Listeners;
import io.portal.certificate.CertificatesProperties;
import io.portal.certificate.ManagedCertificateStore;
import io.portal.certificate.RuntimeCertificateSource;
import io.portal.certificate.RuntimeCertificates;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wiring of the scripts that previews show.
 */
@AutoConfiguration(after = { PortalAcmeAutoConfiguration.class, PortalServerAutoConfiguration.class })
@ConditionalOnWebApplication
@ConditionalOnBindings
@ConditionalOnBooleanProperty(name = "portal.admin.enabled", matchIfMissing = true)
public class PortalScriptsAutoConfiguration {

    @Bean
    Scripts scripts(Listeners listeners, SslProperties ssl, CertificatesProperties certificates, AcmeProperties acme,
            RuntimeCertificates runtime, ManagedCertificateStore store, ObjectProvider<RuntimeCertificateSource> sources, JsonMapper json) {
        return new Scripts(new ScriptTargets(listeners), new CertificateDeclarations(ssl, certificates, acme, runtime, store,
                sources), json);
    }

}
