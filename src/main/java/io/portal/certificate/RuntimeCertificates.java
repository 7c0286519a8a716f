package io.portal.certificate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.portal.store.ChangeTransaction;

/**
 * Certificates added at runtime (imported files, generated self-signed certificates):
 * stored with their keys encrypted, registered as SSL bundles once stored, and registered
 * again from the store at every start. Certificates that another feature adds at runtime
 * and keeps itself (a {@link RuntimeCertificateSource}, such as ACME) are listed here too,
 * and their deletion handed over to it. Changes are serialized.
 * <p>
 * Each addition or removal is part of a {@link ChangeTransaction}; the bundle registry
 * follows the store only once the change has committed, so that a change that does not
 * commit leaves no bundle the store does not have, and removes none it still has.
 */
public class RuntimeCertificates implements SslBundleRegistrar {

    /**
     * The kind recorded for uploaded certificates.
     */
    public static final String IMPORTED = "imported";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final ManagedCertificateStore store;

    private final JdbcClient jdbc;

    private final ChangeTransaction changes;

    private final ObjectProvider<PortalSslBundleRegistry> registry;

    private final Clock clock;

    private final BundleOrigins origins;

    private final ObjectProvider<RuntimeCertificateSource> sources;

    public RuntimeCertificates(ManagedCertificateStore store, JdbcClient jdbc, ChangeTransaction changes,
            ObjectProvider<PortalSslBundleRegistry> registry, Clock clock, BundleOrigins origins,
            ObjectProvider<RuntimeCertificateSource> sources) {
        this.origins = origins;
        this.sources = sources;
        this.store = store;
        this.jdbc = jdbc;
        this.changes = changes;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void registerBundles(SslBundleRegistry registry) {
        for (String name : stored()) {
            if (source(name).isEmpty()) {
                this.origins.registerRuntime(name, origin(name));
                this.store.find(name).ifPresent((stored) -> registry.registerBundle(name, stored.material().toSslBundle()));
            }
        }
    }

    /**
     * Names of the certificates added at runtime, by this class or another source.
     * @return the names, sorted
     */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(stored());
        this.sources.orderedStream().forEach((source) -> names.addAll(source.names()));
        return List.copyOf(names);
    }

    private List<String> stored() {
        return this.jdbc.sql("select name from managed_certificate where source = 'api' order by name").query(String.class).list();
    }

    private Optional<RuntimeCertificateSource> source(String name) {
        return this.sources.orderedStream().filter((source) -> source.names().contains(name)).findFirst();
    }

    public boolean isRuntime(String name) {
        return names().contains(name);
    }

    public String kind(String name) {
        return source(name).map(RuntimeCertificateSource::kind)
            .orElseGet(() -> this.store.find(name).map(StoredCertificate::kind).orElse(null));
    }

    /**
     * Store a certificate and serve it as the SSL bundle of that name once the change it
     * is part of (or its own) has committed.
     * @param name the name, unused so far
     * @param kind what it is, such as {@code imported}
     * @param spec how it was made, for the record
     * @param material the chain and key, already checked
     * @return what it will serve
     * @throws CertificateConflictException if the name is taken
     * @throws io.portal.store.ChangeNotStoredException if it could not be stored
     */
    public synchronized CertificateSummary add(String name, String kind, String spec, CertificateAndKey material) {
        checkAvailable(name);
        this.changes.run(() -> {
            this.store.save(new StoredCertificate(name, kind, spec, material, this.clock.instant()));
            this.jdbc.sql("update managed_certificate set source = 'api' where name = ?").param(name).update();
            ChangeTransaction.onCommit(() -> {
                this.origins.registerRuntime(name, origin(name));
                this.registry.getObject().registerBundle(name, material.toSslBundle());
            });
        });
        return CertificateSummary.of(name, material.chain(), this.clock);
    }

    /**
     * Check that a certificate could be added under this name.
     * @param name the name
     * @throws CertificateImportException if the name is not valid
     * @throws CertificateConflictException if it is taken
     */
    public void checkAvailable(String name) {
        checkName(name);
        if (this.registry.getObject().getBundleNames().contains(name)) {
            throw new CertificateConflictException("A certificate named '" + name + "' already exists.",
                    "Choose another name, or delete the existing certificate first.");
        }
    }

    /**
     * Remove a runtime certificate; the caller has made sure no binding uses it.
     * @param name the name
     * @throws CertificateConflictException if it was declared in configuration
     */
    public synchronized void delete(String name) {
        if (!isRuntime(name)) {
            throw new CertificateConflictException("Certificate '" + name + "' is declared in the configuration and cannot be deleted at runtime.",
                    "Remove it from application.yml or the environment and restart the portal.");
        }
        Optional<RuntimeCertificateSource> source = source(name);
        if (source.isPresent()) {
            source.get().delete(name);
            return;
        }
        this.changes.run(() -> {
            this.jdbc.sql("delete from managed_certificate where name = ? and source = 'api'").param(name).update();
            ChangeTransaction.onCommit(() -> this.registry.getObject().unregister(name));
        });
    }

    private static String origin(String name) {
        return "certificate '" + name + "' added at runtime";
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new CertificateImportException("name", "'" + name + "' is not a valid certificate name.",
                    "Use 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit.");
        }
    }

}
