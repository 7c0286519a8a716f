package io.portal.certificate;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.portal.store.ChangeTransaction;
import io.portal.store.StoreFollower;

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
public class RuntimeCertificates implements SslBundleOwner, StoreFollower {

    /**
     * The kind recorded for uploaded certificates.
     */
    public static final String IMPORTED = "imported";

    private static final Log logger = LogFactory.getLog(RuntimeCertificates.class);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final ManagedCertificateStore store;

    private final JdbcClient jdbc;

    private final ChangeTransaction changes;

    private volatile PortalSslBundleRegistry registry;

    private final Clock clock;

    private final BundleOrigins origins;

    private final ObjectProvider<RuntimeCertificateSource> sources;

    /**
     * The fingerprint of each certificate this class registered, as it registered it.
     */
    private final Map<String, String> registered = new ConcurrentHashMap<>();

    public RuntimeCertificates(ManagedCertificateStore store, JdbcClient jdbc, ChangeTransaction changes,
            Clock clock, BundleOrigins origins,
            ObjectProvider<RuntimeCertificateSource> sources) {
        this.origins = origins;
        this.sources = sources;
        this.store = store;
        this.jdbc = jdbc;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public void registerBundles(PortalSslBundleRegistry registry) {
        this.registry = registry;
        for (String name : stored()) {
            if (source(name).isEmpty()) {
                this.origins.registerRuntime(name, origin(name));
                this.store.find(name).ifPresent((stored) -> {
                    registry.registerBundle(name, stored.material().toSslBundle());
                    this.registered.put(name, CertificateSummary.fingerprint(stored.material().leaf()));
                });
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
            ChangeTransaction.onCommit(() -> serve(name, material));
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
        if (registry().getBundleNames().contains(name)) {
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
            ChangeTransaction.onCommit(() -> withdraw(name));
        });
    }

    @Override
    public int getOrder() {
        return CERTIFICATES;
    }

    /**
     * Serve the certificates that another node added or replaced in the store.
     */
    @Override
    public synchronized void follow() {
        for (Map.Entry<String, String> stored : storedFingerprints().entrySet()) {
            String name = stored.getKey();
            if (stored.getValue().equals(this.registered.get(name)) || source(name).isPresent()) {
                continue;
            }
            if (this.registered.get(name) == null && registry().getBundleNames().contains(name)) {
                // Declared in configuration under the same name; startup reported it.
                continue;
            }
            this.store.find(name).ifPresent((certificate) -> {
                serve(name, certificate.material());
                logger.info("Certificate '" + name + "' was added or replaced by another node; it is served here too");
            });
        }
    }

    /**
     * Stop serving the certificates that another node deleted (by then, no binding in the
     * store uses them).
     */
    @Override
    public synchronized void prune() {
        Map<String, String> stored = storedFingerprints();
        for (String name : List.copyOf(this.registered.keySet())) {
            if (!stored.containsKey(name)) {
                withdraw(name);
                logger.info("Certificate '" + name + "' was deleted by another node; it is no longer served here");
            }
        }
    }

    private Map<String, String> storedFingerprints() {
        Map<String, String> fingerprints = new TreeMap<>();
        this.jdbc.sql("select name, certificate_chain from managed_certificate where source = 'api'")
            .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
            .list()
            .forEach((row) -> fingerprints.put(row.getKey(), CertificateSummary.fingerprint(Pem.certificates(row.getValue()).get(0))));
        return fingerprints;
    }

    /**
     * Serve a certificate under its name: registered if new, else swapped in.
     */
    private void serve(String name, CertificateAndKey material) {
        PortalSslBundleRegistry bundles = registry();
        this.origins.registerRuntime(name, origin(name));
        if (bundles.getBundleNames().contains(name)) {
            bundles.updateBundle(name, material.toSslBundle());
        }
        else {
            bundles.registerBundle(name, material.toSslBundle());
        }
        this.registered.put(name, CertificateSummary.fingerprint(material.leaf()));
    }

    private void withdraw(String name) {
        this.registered.remove(name);
        PortalSslBundleRegistry bundles = registry();
        if (bundles.getBundleNames().contains(name)) {
            bundles.unregister(name);
        }
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

    private PortalSslBundleRegistry registry() {
        PortalSslBundleRegistry registry = this.registry;
        if (registry == null) {
            throw new IllegalStateException("Runtime certificates are changed before the SSL bundle registry was made");
        }
        return registry;
    }

}
