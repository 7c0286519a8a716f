package io.portal.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.portal.binding.Binding;
import io.portal.binding.BindingProperties;
import io.portal.binding.BindingStore;
import io.portal.binding.BindingValidator;
import io.portal.binding.ConfiguredBindings;
import io.portal.binding.InvalidBindingException;
import io.portal.certificate.BundleOrigins;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateProblemException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundles;

/**
 * The bindings Tomcat starts with, checked first. Bindings from configuration must all be
 * valid, their certificates loadable and their ports free, or startup stops with a message
 * that names the binding or bundle. Bindings created at runtime and restored from the
 * store that cannot start are reported as failed instead, so that one bad runtime binding
 * does not take the portal down.
 */
class StartupBindings implements Supplier<List<Binding>> {

    private static final Log logger = LogFactory.getLog(StartupBindings.class);

    private final BindingProperties properties;

    private final BindingStore store;

    private final SslBundles sslBundles;

    private final CertificateCatalog catalog;

    private final BundleOrigins origins;

    private final BindingConnectors connectors;

    private final BindingValidator validator = new BindingValidator();

    StartupBindings(BindingProperties properties, BindingStore store, SslBundles sslBundles, CertificateCatalog catalog,
            BundleOrigins origins, BindingConnectors connectors) {
        this.properties = properties;
        this.store = store;
        this.sslBundles = sslBundles;
        this.catalog = catalog;
        this.origins = origins;
        this.connectors = connectors;
    }

    @Override
    public List<Binding> get() {
        Set<String> bundles = new LinkedHashSet<>(this.sslBundles.getBundleNames());
        List<Binding> configured = ConfiguredBindings.from(this.properties);
        List<Binding> stored = this.store.findAll();
        if (configured.isEmpty() && stored.isEmpty()) {
            logger.warn("No portal binding is enabled, so the portal listens as a plain Spring Boot application: on "
                    + "server.port, with server.ssl if set. Enable a binding under portal.bindings to use the portal's listeners.");
            return List.of();
        }
        if (!configured.isEmpty()) {
            this.validator.validate(configured, bundles);
        }
        checkCertificates(configured);
        configured.forEach(PortProbe::check);
        List<Binding> planned = new ArrayList<>(configured);
        for (Binding binding : stored) {
            try {
                this.validator.validateAgainst(binding, planned, bundles);
                binding.bundles().forEach(this.catalog::require);
                PortProbe.check(binding);
                planned.add(binding);
            }
            catch (InvalidBindingException | CertificateProblemException ex) {
                String reason = ex.getMessage();
                logger.error("Runtime binding '" + binding.name() + "' cannot start and is left stopped: " + reason);
                this.connectors.markFailed(binding, reason);
            }
        }
        if (planned.isEmpty()) {
            throw new InvalidBindingException("(none)", "port", "cannot be found: no binding can start",
                    "Fix the runtime bindings reported above, or enable a binding under portal.bindings.");
        }
        planned.sort(java.util.Comparator.comparing(Binding::name));
        return planned;
    }

    private void checkCertificates(List<Binding> bindings) {
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (Binding binding : bindings) {
            binding.bundles().forEach((bundle) -> users.computeIfAbsent(bundle, (b) -> new ArrayList<>()).add(binding.name()));
        }
        users.forEach((bundle, names) -> {
            try {
                this.catalog.require(bundle);
            }
            catch (CertificateProblemException ex) {
                throw ex.usedBy(names, this.origins.prefix(bundle));
            }
        });
    }

}
