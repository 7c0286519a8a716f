package io.portal.certificate;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The current state of every SSL bundle: what it serves, or why it cannot. Kept up to
 * date as bundles are registered, updated and removed, so pages, health checks and metrics
 * read it without loading key stores on each request. Thread-safe.
 */
public class CertificateCatalog {

    private static final Log logger = LogFactory.getLog(CertificateCatalog.class);

    private final SslBundles bundles;

    private final CertificateInspector inspector;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public CertificateCatalog(PortalSslBundleRegistry bundles, CertificateInspector inspector) {
        this.bundles = bundles;
        this.inspector = inspector;
        bundles.addBundleRegisterHandler((name, bundle) -> {
            update(name, bundle, false);
            bundles.addBundleUpdateHandler(name, (updated) -> update(name, updated, true));
        });
        bundles.addBundleUnregisterHandler(this::forget);
        for (String name : bundles.getBundleNames()) {
            update(name, bundles.getBundle(name), false);
            bundles.addBundleUpdateHandler(name, (bundle) -> update(name, bundle, true));
        }
    }

    /**
     * Why a bundle could not serve TLS, checked without recording anything: for those
     * about to swap it in.
     * @param name the bundle's name
     * @param bundle the bundle
     * @return the problem, or empty if it can serve
     */
    public Optional<CertificateProblemException> problemWith(String name, SslBundle bundle) {
        try {
            this.inspector.inspect(name, bundle);
            return Optional.empty();
        }
        catch (CertificateProblemException ex) {
            return Optional.of(ex);
        }
    }

    private void update(String name, SslBundle bundle, boolean swap) {
        Entry entry;
        try {
            CertificateSummary summary = this.inspector.inspect(name, bundle);
            entry = new Entry(name, summary, null);
            summary.warnings().forEach((warning) -> logger.warn("!!! Certificate of SSL bundle '" + name + "' ("
                    + summary.subject() + ") " + warning + " !!!"));
        }
        catch (CertificateProblemException ex) {
            // A swap that cannot be served is refused by the listeners, which keep the
            // certificate they had: that one is still what the bundle serves.
            Entry previous = this.entries.get(name);
            entry = new Entry(name, (swap && previous != null) ? previous.summary() : null, ex);
        }
        this.entries.put(name, entry);
    }

    /**
     * What a bundle serves.
     * @param name the bundle's name
     * @return its summary
     * @throws CertificateProblemException if the bundle cannot serve TLS
     * @throws org.springframework.boot.ssl.NoSuchSslBundleException if there is no
     * such bundle
     */
    public CertificateSummary require(String name) {
        Entry entry = this.entries.get(name);
        if (entry == null) {
            this.bundles.getBundle(name);
            update(name, this.bundles.getBundle(name), false);
            entry = this.entries.get(name);
        }
        if (entry.summary() == null) {
            throw entry.problem();
        }
        return entry.summary();
    }

    private void forget(String name) {
        this.entries.remove(name);
    }

    public Optional<CertificateSummary> find(String name) {
        return Optional.ofNullable(this.entries.get(name)).map(Entry::summary);
    }

    public List<Entry> entries() {
        return this.entries.values().stream().sorted(Comparator.comparing(Entry::bundle)).toList();
    }

    /**
     * One bundle's state: a summary, or the problem that stops it from serving; both when
     * a swap was refused and the previous certificate is still served.
     *
     * @param bundle the bundle's name
     * @param summary what it serves, or {@code null}
     * @param problem why it cannot serve, or why the latest swap was refused; {@code null}
     * if none
     */
    public record Entry(String bundle, CertificateSummary summary, CertificateProblemException problem) {
    }

}
