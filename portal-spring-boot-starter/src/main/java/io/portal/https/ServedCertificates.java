package io.portal.https;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.portal.binding.Binding;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateSummary;
import io.portal.certificate.CertificateTrust;
import io.portal.binding.Listeners;

/**
 * Whether browsers would accept the certificates the HTTPS bindings serve now: each
 * binding's default certificate and those it serves for SNI host names. Reads the live
 * bindings and the current certificates at each call.
 */
public class ServedCertificates {

    private final Listeners connectors;

    private final CertificateCatalog catalog;

    private final CertificateTrust trust;

    private final Clock clock;

    public ServedCertificates(Listeners connectors, CertificateCatalog catalog, CertificateTrust trust, Clock clock) {
        this.connectors = connectors;
        this.catalog = catalog;
        this.trust = trust;
        this.clock = clock;
    }

    /**
     * The certificates that browsers would refuse.
     * @return one entry per binding and SSL bundle, empty when all are trusted
     */
    public List<Untrusted> untrusted() {
        return untrusted(this.connectors.states().stream().map(Listeners.ListenerState::binding).toList());
    }

    /**
     * The certificates that browsers would refuse if these were the bindings.
     * @param bindings the bindings
     * @return one entry per binding and SSL bundle, empty when all are trusted
     */
    public List<Untrusted> untrusted(List<Binding> bindings) {
        List<Untrusted> untrusted = new ArrayList<>();
        for (Binding binding : bindings) {
            for (String bundle : binding.bundles()) {
                Optional<CertificateSummary> summary = this.catalog.find(bundle);
                if (summary.isEmpty()) {
                    untrusted.add(new Untrusted(binding.name(), bundle, null, "it cannot be loaded"));
                    continue;
                }
                CertificateTrust.Verdict verdict = this.trust.check(summary.get().chain(), this.clock.instant());
                if (!verdict.trusted()) {
                    untrusted.add(new Untrusted(binding.name(), bundle, summary.get().subject(), verdict.reason()));
                }
            }
        }
        return untrusted;
    }

    /**
     * Why the ramp cannot go up: untrusted certificates, or no HTTPS binding at all.
     * @return the problems in plain words; empty if there are none
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>(untrusted().stream().map(Untrusted::describe).toList());
        if (this.connectors.states().stream().noneMatch((live) -> live.binding().isHttps())) {
            problems.add("no HTTPS binding is listening");
        }
        return problems;
    }

    /**
     * A certificate browsers would refuse.
     *
     * @param binding the binding that serves it
     * @param bundle the SSL bundle it comes from
     * @param subject its subject, or {@code null} if it cannot be loaded
     * @param reason why it is not trusted, such as "it is self-signed"
     */
    public record Untrusted(String binding, String bundle, String subject, String reason) {

        public String describe() {
            return "binding '" + this.binding + "' serves SSL bundle '" + this.bundle + "'"
                    + ((this.subject != null) ? " (" + this.subject + ")" : "") + " and " + this.reason;
        }

    }

}
