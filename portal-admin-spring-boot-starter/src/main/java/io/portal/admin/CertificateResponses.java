package io.portal.admin;

import java.util.List;

import io.portal.binding.Binding;
import io.portal.binding.BindingService;
import io.portal.certificate.BundleOrigins;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateRenewals;
import io.portal.certificate.RenewalStatus;
import io.portal.certificate.RuntimeCertificates;


/**
 * Builds {@link CertificateResponse}s: what a certificate is, where it came from, which
 * bindings use it and how its renewal stands.
 */
final class CertificateResponses {

    private final CertificateCatalog catalog;

    private final RuntimeCertificates runtime;

    private final BundleOrigins origins;

    private final BindingService bindings;

    private final CertificateRenewals renewals;

    CertificateResponses(CertificateCatalog catalog, RuntimeCertificates runtime, BundleOrigins origins, BindingService bindings,
            CertificateRenewals renewals) {
        this.catalog = catalog;
        this.runtime = runtime;
        this.origins = origins;
        this.bindings = bindings;
        this.renewals = renewals;
    }

    /**
     * The catalog entry of a certificate.
     * @param name the certificate's name
     * @return the entry
     * @throws CertificatesApiController.CertificateNotFoundException if there is none
     */
    CertificateCatalog.Entry entry(String name) {
        return this.catalog.entries().stream().filter((e) -> e.bundle().equals(name)).findFirst()
            .orElseThrow(() -> new CertificatesApiController.CertificateNotFoundException(name));
    }

    CertificateResponse of(CertificateCatalog.Entry entry, boolean withChain) {
        String name = entry.bundle();
        boolean runtimeCertificate = this.runtime.isRuntime(name);
        RenewalStatus renewal = renewal(name);
        String kind = runtimeCertificate ? this.runtime.kind(name)
                : (this.origins.isKeyStore(name) || this.origins.isPem(name)) ? "file"
                        : (renewal != null) ? "acme" : this.origins.isManaged(name) ? "self-signed" : "file";
        return new CertificateResponse(name, kind, runtimeCertificate ? "api" : "config",
                (entry.summary() != null) ? CertificateResponse.Summary.of(entry.summary()) : null,
                (entry.problem() != null) ? entry.problem().getMessage() : null, usedBy(name),
                CertificateResponse.Renewal.of(renewal), withChain ? CertificateResponse.chainPem(entry.summary()) : null);
    }

    /**
     * The bindings that use a certificate.
     * @param bundle the certificate's name
     * @return their names
     */
    List<String> usedBy(String bundle) {
        return this.bindings.bindings().stream().filter((b) -> b.bundles().contains(bundle)).map(Binding::name).toList();
    }

    private RenewalStatus renewal(String name) {
        return this.renewals.status(name).orElse(null);
    }

}
