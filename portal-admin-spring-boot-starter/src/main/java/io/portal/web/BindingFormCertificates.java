package io.portal.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.portal.audit.AuditLog;
import io.portal.binding.HostNames;
import io.portal.binding.InvalidBindingException;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateImportException;
import io.portal.certificate.KeyType;
import io.portal.certificate.RuntimeCertificates;
import io.portal.certificate.SelfSignedCertificateFactory;
import io.portal.certificate.SelfSignedCertificates;
import io.portal.store.ChangeTransaction;

/**
 * The new self-signed certificate the bindings wizard can make for a binding: its name and
 * host names checked with the review, generated on Apply (one audited change) and removed
 * again if the binding change then fails.
 */
class BindingFormCertificates {

    private final CertificateCatalog catalog;

    private final RuntimeCertificates certificates;

    private final SelfSignedCertificateFactory selfSigned;

    private final ChangeTransaction changes;

    private final AuditLog audit;

    BindingFormCertificates(CertificateCatalog catalog, RuntimeCertificates certificates, SelfSignedCertificateFactory selfSigned,
            ChangeTransaction changes, AuditLog audit) {
        this.catalog = catalog;
        this.certificates = certificates;
        this.selfSigned = selfSigned;
        this.changes = changes;
        this.audit = audit;
    }

    /**
     * Check the new certificate's name and host names.
     * @param form the form
     * @throws CertificateImportException naming the field at fault
     */
    void check(BindingForm form) {
        String name = form.getNewCertificateName();
        if (name == null || name.isBlank()) {
            throw new CertificateImportException("newCertificateName", "The new certificate needs a name.",
                    "Give it a name, such as the binding's.");
        }
        if (this.catalog.find(name.trim()).isPresent()) {
            throw new CertificateImportException("newCertificateName", "A certificate named '"
                    + InvalidBindingException.shown(name.trim()) + "' already exists.",
                    "Choose another name, or use the existing certificate.");
        }
        for (String host : form.subjectAlternativeNames()) {
            if (HostNames.normalize(host, true).isEmpty()) {
                throw new CertificateImportException("newCertificateNames", "'" + InvalidBindingException.shown(host)
                        + "' is neither a host name nor an IP address.",
                        "Use names such as portal.internal, *.portal.internal, bücher.example or 10.0.0.5, separated by commas.");
            }
        }
    }

    /**
     * The host names the certificate is for, in their normal form; this machine's when the
     * form names none.
     * @param form the form
     * @return the names
     */
    static List<String> names(BindingForm form) {
        List<String> names = form.subjectAlternativeNames().stream()
            .map((host) -> HostNames.normalize(host, true).orElse(host))
            .distinct()
            .toList();
        return names.isEmpty() ? SelfSignedCertificates.defaultNames() : names;
    }

    /**
     * Generate and store the certificate, with its audit entry.
     * @param form the form
     * @param actor who asks
     * @return the certificate's name
     */
    String generate(BindingForm form, String actor) {
        String name = form.getNewCertificateName().trim();
        List<String> names = names(form);
        var material = this.selfSigned.create(names.get(0), names, KeyType.EC_P256, Duration.ofDays(365));
        this.changes.run(() -> {
            this.audit.record(actor, "certificate.create", "certificate:" + name, null,
                    Map.of("selfSigned", names, "keyType", "ec-p256"));
            this.certificates.add(name, SelfSignedCertificates.KIND, "subject-alternative-names=" + String.join(",", names)
                    + ";key-type=ec-p256;validity=PT8760H", material);
        });
        return name;
    }

    /**
     * Remove the certificate generated for a binding change that then failed.
     * @param name the certificate's name
     * @param actor who asked for the change
     */
    void remove(String name, String actor) {
        this.changes.run(() -> {
            this.audit.record(actor, "certificate.delete", "certificate:" + name, null, null);
            this.certificates.delete(name);
        });
    }

}
