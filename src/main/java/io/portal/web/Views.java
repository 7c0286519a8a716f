package io.portal.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.portal.binding.Binding;
import io.portal.binding.Listeners.ListenerState;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateSummary;
import io.portal.certificate.RenewalStatus;

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

    /**
     * A certificate on the dashboard and the certificate pages.
     *
     * @param renewal how its renewal stands, for certificates the portal renews (ACME);
     * otherwise {@code null}
     * @param lastError why the last renewal failed, or {@code null}
     * @param acme whether it is obtained from an ACME CA (and can be renewed now)
     */
    record CertificateView(String bundle, String subject, String issuer, List<String> names, String notAfter, long daysLeft,
            String sha256, boolean selfSigned, List<String> warnings, String problem, String renewal, String lastError,
            boolean acme) {

        static CertificateView of(CertificateCatalog.Entry entry, Clock clock) {
            return of(entry, clock, null);
        }

        static CertificateView of(CertificateCatalog.Entry entry, Clock clock, RenewalStatus status) {
            CertificateSummary s = entry.summary();
            String renewal = renewal(status);
            String lastError = (status != null) ? status.lastError() : null;
            if (s == null) {
                return new CertificateView(entry.bundle(), null, null, List.of(), null, 0, null, false, List.of(),
                        entry.problem().getMessage(), renewal, lastError, status != null);
            }
            return new CertificateView(entry.bundle(), s.subject(), s.issuer(), s.subjectAlternativeNames(),
                    LocalDate.ofInstant(s.notAfter(), ZoneOffset.UTC).toString(), s.timeLeft(clock).toDays(), s.sha256(),
                    s.selfSigned(), s.warnings(), null, renewal, lastError, status != null);
        }

        private static String renewal(RenewalStatus status) {
            if (status == null) {
                return null;
            }
            if (status.failing()) {
                return "Failing since " + time(status.lastFailureAt()) + ((status.nextAttemptAt() != null)
                        ? "; next attempt at " + time(status.nextAttemptAt()) : "") + (status.temporary()
                                ? " (a temporary self-signed certificate is served meanwhile)"
                                : " (the current certificate stays in use)");
            }
            if (status.temporary()) {
                return "Waiting for the CA: a temporary self-signed certificate is served until it issues one";
            }
            return "Renewed automatically" + ((status.lastRenewedAt() != null)
                    ? "; last obtained " + time(status.lastRenewedAt()) : "");
        }

        private static String time(Instant instant) {
            return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : "an unknown time";
        }

    }

}
