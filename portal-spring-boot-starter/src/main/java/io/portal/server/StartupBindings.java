package io.portal.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.portal.binding.Binding;
import io.portal.binding.BindingOverride;
import io.portal.binding.BindingProperties;
import io.portal.binding.BindingStore;
import io.portal.binding.BindingValidator;
import io.portal.binding.BindingValues;
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
        Map<String, BindingOverride> overrides = this.store.findOverrides();
        Map<String, BindingValues> declared = ConfiguredBindings.declared(this.properties);
        List<Binding> configured = ConfiguredBindings.from(this.properties).stream()
            .filter((b) -> !overrides.containsKey(b.name())).toList();
        List<Binding> overridden = new ArrayList<>();
        overrides.forEach((name, override) -> {
            BindingValues values = (declared.containsKey(name)) ? override.applyTo(declared.get(name)) : null;
            if (values != null && values.enabled()) {
                overridden.add(values.toBinding(name, Binding.Source.CONFIG));
            }
        });
        // Left out as StoredBindingWarnings says, which the log and the warnings show.
        List<Binding> stored = this.store.findAll().stream().filter((b) -> !declared.containsKey(b.name())).toList();
        if (configured.isEmpty() && overridden.isEmpty() && stored.isEmpty()) {
            logger.warn("No portal binding is enabled, so the portal listens as a plain Spring Boot application: on "
                    + "server.port, with server.ssl if set. Enable a binding under portal.bindings to use the portal's listeners.");
            return List.of();
        }
        if (!configured.isEmpty()) {
            List<Binding> targets = new ArrayList<>(overridden);
            targets.addAll(stored);
            this.validator.validate(configured, bundles, targets);
        }
        checkCertificates(configured);
        configured.forEach(PortProbe::check);
        List<Binding> planned = new ArrayList<>(configured);
        for (Binding binding : overridden) {
            startOrMarkFailed(binding, planned, bundles, "Binding '" + binding.name() + "' as changed at runtime (override) "
                    + "cannot start and is left stopped; reset it with DELETE /api/bindings/" + binding.name() + "/override: ");
        }
        for (Binding binding : stored) {
            startOrMarkFailed(binding, planned, bundles, "Runtime binding '" + binding.name() + "' cannot start and is left stopped: ");
        }
        if (planned.isEmpty()) {
            throw new InvalidBindingException("(none)", "port", "cannot be found: no binding can start",
                    "Fix the runtime bindings reported above, or enable a binding under portal.bindings.");
        }
        planned.sort(java.util.Comparator.comparing(Binding::name));
        return planned;
    }

    private void startOrMarkFailed(Binding binding, List<Binding> planned, Set<String> bundles, String failure) {
        try {
            this.validator.validateAgainst(binding, planned, bundles);
            binding.bundles().forEach(this.catalog::require);
            PortProbe.check(binding);
            planned.add(binding);
        }
        catch (InvalidBindingException | CertificateProblemException ex) {
            String reason = ex.getMessage();
            logger.error(failure + reason);
            this.connectors.markFailed(binding, reason);
        }
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
