package io.portal.server;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.portal.binding.Binding;
import io.portal.binding.BindingProperties;
import io.portal.binding.BindingValidator;
import io.portal.binding.ConfiguredBindings;
import io.portal.certificate.BundleOrigins;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateProblemException;

import org.springframework.boot.ssl.SslBundles;

/**
 * The bindings Tomcat starts with, checked first: each binding valid, every certificate
 * they use loadable, every port free. The first problem stops startup with a message that
 * names the binding or bundle.
 */
class StartupBindings implements Supplier<List<Binding>> {

    private final BindingProperties properties;

    private final SslBundles sslBundles;

    private final CertificateCatalog catalog;

    private final BundleOrigins origins;

    StartupBindings(BindingProperties properties, SslBundles sslBundles, CertificateCatalog catalog, BundleOrigins origins) {
        this.properties = properties;
        this.sslBundles = sslBundles;
        this.catalog = catalog;
        this.origins = origins;
    }

    @Override
    public List<Binding> get() {
        List<Binding> bindings = ConfiguredBindings.from(this.properties);
        new BindingValidator().validate(bindings, new LinkedHashSet<>(this.sslBundles.getBundleNames()));
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (Binding binding : bindings) {
            binding.bundles().forEach((bundle) -> users.computeIfAbsent(bundle, (b) -> new java.util.ArrayList<>()).add(binding.name()));
        }
        users.forEach((bundle, names) -> {
            try {
                this.catalog.require(bundle);
            }
            catch (CertificateProblemException ex) {
                throw ex.usedBy(names, this.origins.prefix(bundle));
            }
        });
        bindings.forEach(PortProbe::check);
        return bindings;
    }

}
