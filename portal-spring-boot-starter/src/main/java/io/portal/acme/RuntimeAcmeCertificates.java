package io.portal.acme;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.portal.certificate.BundleOrigins;
import io.portal.certificate.CertificateAndKey;
import io.portal.certificate.CertificateConflictException;
import io.portal.certificate.PortalSslBundleRegistry;
import io.portal.certificate.SslBundleOwner;
import io.portal.certificate.RuntimeCertificateSource;
import io.portal.store.ChangeTransaction;
import io.portal.store.StoreFollower;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;

/**
 * ACME certificates requested at runtime: stored in the state store, registered as SSL
 * bundles at once (with a temporary certificate until the CA issues one, exactly like
 * configured ones), obtained and renewed by the same service and maintenance, restored at
 * every start and removed on request. Changes are serialized.
 * <p>
 * A request is part of a {@link ChangeTransaction} (with its audit entry): the bundle is
 * served at once and removed again if the change does not commit; obtaining it from the
 * CA starts once it has.
 */
class RuntimeAcmeCertificates implements SslBundleOwner, RuntimeCertificateSource, StoreFollower {

    private static final Log logger = LogFactory.getLog(RuntimeAcmeCertificates.class);

    private final AcmeCertificateSettings settings;

    private final AcmeStore store;

    private final AcmeBundles bundles;

    private final AcmeCertificateService service;

    private final ObjectProvider<CertificateMaintenance> maintenance;

    private volatile PortalSslBundleRegistry registry;

    private final BundleOrigins origins;

    private final AcmeProgressLog progress;

    private final Clock clock;

    private final ChangeTransaction changes;

    RuntimeAcmeCertificates(AcmeCertificateSettings settings, AcmeStore store, AcmeBundles bundles,
            AcmeCertificateService service, ObjectProvider<CertificateMaintenance> maintenance,
            BundleOrigins origins, AcmeProgressLog progress, Clock clock,
            ChangeTransaction changes) {
        this.changes = changes;
        this.progress = progress;
        this.settings = settings;
        this.store = store;
        this.bundles = bundles;
        this.service = service;
        this.maintenance = maintenance;
        this.origins = origins;
        this.clock = clock;
    }

    /**
     * Register the bundles of the stored certificates, at startup: each serves its stored
     * certificate while it is valid, else a temporary one until the CA issues it.
     */
    @Override
    public void registerBundles(PortalSslBundleRegistry registry) {
        this.registry = registry;
        for (AcmeCertificateDefinition definition : this.settings.runtimeDefinitions()) {
            String name = definition.name();
            if (this.settings.isConfigured(name)) {
                throw new AcmeConfigurationException("portal.certificates." + name, "Certificate '" + name + "' is declared "
                        + "in the configuration (portal.certificates." + name + ".acme) and was also requested at runtime "
                        + "by " + definition.requestedBy() + " on " + definition.requestedAt() + ".",
                        "Rename portal.certificates." + name + ", or remove it, start the portal and delete the runtime "
                                + "certificate (DELETE /api/certificates/" + name + ") before declaring it.");
            }
            this.origins.registerRuntime(name, origin(name));
            try {
                registry.registerBundle(name, this.bundles.serve(name).toSslBundle());
            }
            catch (IllegalStateException ex) {
                throw new AcmeConfigurationException("spring.ssl.bundle", "Certificate '" + name + "' was requested at "
                        + "runtime, and an SSL bundle of that name is also declared in the configuration.",
                        "Rename the SSL bundle '" + name + "' in the configuration.");
            }
        }
    }

    /**
     * Request a certificate: store it, serve a temporary certificate under its name at
     * once, and start obtaining it from the CA in the background once the change it is
     * part of (or its own) has committed.
     * @param plan the plan, from {@link AcmeRequests#plan}, made before the change since
     * it reads the CA's directory
     * @param request the request
     * @param actor who requests it
     * @return the plan that is being carried out
     * @throws AcmeRequestException if the request cannot be carried out; then nothing
     * has changed
     */
    synchronized AcmePlan request(AcmePlan plan, AcmeCertificateRequest request, String actor) {
        return this.changes.run(() -> requestInChange(plan, request, actor));
    }

    private AcmePlan requestInChange(AcmePlan plan, AcmeCertificateRequest request, String actor) {
        AcmeCertificateDefinition definition = new AcmeCertificateDefinition(plan.name(), plan.domains(),
                plan.directory().url(), plan.email(), plan.directory().termsOfService(), actor, this.clock.instant(),
                AcmeTrust.pem(AcmeTrust.pemText(request.caCertificates())));
        try {
            this.store.saveDefinition(definition);
        }
        catch (DuplicateKeyException ex) {
            throw new AcmeRequestException(AcmeRequestException.Reason.CONFLICT, "name", "A certificate named '"
                    + plan.name() + "' already exists.", "Choose another name, or delete the existing certificate first.");
        }
        String name = plan.name();
        this.progress.forget(name);
        try {
            this.settings.addRuntime(definition);
            CertificateAndKey temporary = this.bundles.serve(name);
            this.origins.registerRuntime(name, origin(name));
            registry().registerBundle(name, temporary.toSslBundle());
        }
        catch (RuntimeException ex) {
            this.bundles.forget(name);
            this.settings.removeRuntime(name);
            if (ex instanceof IllegalStateException) {
                // Another certificate took the bundle name meanwhile.
                throw new AcmeRequestException(AcmeRequestException.Reason.CONFLICT, "name", "A certificate named '" + name
                        + "' already exists.", "Choose another name, or delete the existing certificate first.");
            }
            throw ex;
        }
        ChangeTransaction.onRollback(() -> {
            registry().unregister(name);
            this.bundles.forget(name);
            this.settings.removeRuntime(name);
        });
        ChangeTransaction.onCommit(() -> {
            logger.info("ACME certificate '" + name + "' requested by " + actor + " for " + plan.domains() + " from "
                    + plan.directory().url() + "; a temporary certificate is served until the CA issues it");
            CertificateMaintenance maintenance = this.maintenance.getIfAvailable();
            if (maintenance != null) {
                maintenance.track(name);
            }
        });
        return plan;
    }

    @Override
    public String kind() {
        return AcmeCertificateSettings.KIND;
    }

    @Override
    public List<String> names() {
        return this.settings.runtimeDefinitions().stream()
            .map(AcmeCertificateDefinition::name)
            .filter(this.settings::isRuntime)
            .toList();
    }

    @Override
    public Map<String, Object> declaration(String name) {
        return this.settings.runtimeDefinitions().stream()
            .filter((definition) -> definition.name().equals(name))
            .findFirst()
            .map((definition) -> AcmeRequests.declaration(name, definition.domains(), definition.directory(), definition.email(),
                    definition.caCertificates() != null && !definition.caCertificates().isBlank()))
            .orElse(Map.of());
    }

    /**
     * Remove a certificate, as part of the change that deletes it: it stops being served
     * and renewed once that change has committed, and stays if it does not.
     */
    @Override
    public synchronized void delete(String name) {
        boolean deleted = this.changes.run(() -> this.service.whileIdle(name, () -> {
            this.store.deleteDefinition(name);
            ChangeTransaction.onCommit(() -> {
                withdraw(name);
                logger.info("ACME certificate '" + name + "' was deleted");
            });
        }));
        if (!deleted) {
            throw new CertificateConflictException("Certificate '" + name + "' is being obtained from the CA right now.",
                    "Try again when the order has finished (see its progress).");
        }
    }

    @Override
    public int getOrder() {
        return ACME_CERTIFICATES;
    }

    /**
     * Serve and renew here too the certificates another node requested, and serve every
     * certificate (configured or requested) that another node obtained or renewed.
     */
    @Override
    public void follow() {
        synchronized (this) {
            for (AcmeCertificateDefinition definition : this.store.findDefinitions()) {
                String name = definition.name();
                if (this.settings.isAcme(name) || registry().getBundleNames().contains(name)) {
                    continue;
                }
                this.settings.addRuntime(definition);
                this.progress.forget(name);
                this.origins.registerRuntime(name, origin(name));
                registry().registerBundle(name, this.bundles.serve(name).toSslBundle());
                logger.info("ACME certificate '" + name + "' was requested by " + definition.requestedBy()
                        + " on another node; it is served and renewed here too");
                CertificateMaintenance maintenance = this.maintenance.getIfAvailable();
                if (maintenance != null) {
                    maintenance.track(name);
                }
            }
        }
        CertificateMaintenance maintenance = this.maintenance.getIfAvailable();
        if (maintenance != null) {
            maintenance.poll();
        }
    }

    /**
     * Stop serving the certificates another node deleted.
     */
    @Override
    public synchronized void prune() {
        List<String> stored = this.store.findDefinitions().stream().map(AcmeCertificateDefinition::name).toList();
        for (String name : names()) {
            if (!stored.contains(name)) {
                withdraw(name);
                logger.info("ACME certificate '" + name + "' was deleted by another node; it is no longer served here");
            }
        }
    }

    private void withdraw(String name) {
        this.settings.removeRuntime(name);
        CertificateMaintenance maintenance = this.maintenance.getIfAvailable();
        if (maintenance != null) {
            maintenance.untrack(name);
        }
        if (this.bundles.served(name).isPresent()) {
            this.bundles.forget(name);
            if (registry().getBundleNames().contains(name)) {
                registry().unregister(name);
            }
        }
        this.progress.forget(name);
    }

    private static String origin(String name) {
        return "ACME certificate '" + name + "' requested at runtime";
    }

    private PortalSslBundleRegistry registry() {
        PortalSslBundleRegistry registry = this.registry;
        if (registry == null) {
            throw new IllegalStateException("ACME certificates are changed before the SSL bundle registry was made");
        }
        return registry;
    }

}
