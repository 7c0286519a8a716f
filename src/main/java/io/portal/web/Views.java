package io.portal.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.portal.binding.Binding;
import io.portal.binding.Listeners.ListenerState;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateSummary;

/**
 * View models of the pages.
 */
final class Views {

    private Views() {
    }

    record BindingView(String name, String scheme, String address, int port, String url, String sslBundle, List<String> sniHosts,
            String state, String failure, String source, boolean editable) {

        static BindingView of(Binding b, ListenerState state) {
            String status = (state == null) ? "stopped" : state.running() ? "running" : (state.failure() != null) ? "failed" : "stopped";
            return new BindingView(b.name(), b.scheme().id(), b.isWildcard() ? "all interfaces" : b.address(),
                    (state != null && state.running()) ? state.localPort() : b.port(), b.localUrl(), b.sslBundle(),
                    List.copyOf(b.sni().keySet()), status, (state != null) ? state.failure() : null,
                    (b.source() == Binding.Source.CONFIG) ? "configuration" : "added at runtime", b.source() == Binding.Source.API);
        }

    }

    record CertificateView(String bundle, String subject, String issuer, List<String> names, String notAfter, long daysLeft,
            String sha256, boolean selfSigned, List<String> warnings, String problem, String renewal, String lastError) {

        static CertificateView of(CertificateCatalog.Entry entry, Clock clock) {
            CertificateSummary s = entry.summary();
            if (s == null) {
                return new CertificateView(entry.bundle(), null, null, List.of(), null, 0, null, false, List.of(),
                        entry.problem().getMessage(), null, null);
            }
            return new CertificateView(entry.bundle(), s.subject(), s.issuer(), s.subjectAlternativeNames(),
                    LocalDate.ofInstant(s.notAfter(), ZoneOffset.UTC).toString(), s.timeLeft(clock).toDays(), s.sha256(),
                    s.selfSigned(), s.warnings(), null, null, null);
        }

    }

}
