package io.portal.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portal.binding.Binding;
import io.portal.binding.BindingEntry;
import io.portal.binding.BindingField;
import io.portal.binding.Listeners.ListenerState;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateSummary;
import io.portal.certificate.RenewalStatus;

/**
 * View models of the pages.
 */
public final class Views {

    private Views() {
    }

    /**
     * A binding on the dashboard and the bindings pages.
     *
     * @param source where it is declared, in words
     * @param configured whether it is declared in configuration (so it can be reset to it)
     * @param overridden whether a configured binding has fields changed at runtime
     * @param enabled whether it listens
     * @param fields its fields with where each value comes from (empty on the dashboard)
     */
    public record BindingView(String name, String scheme, String address, int port, String url, String sslBundle, List<String> sniHosts,
            String state, String failure, String source, boolean configured, boolean overridden, boolean enabled,
            List<FieldView> fields) {

        static BindingView of(Binding b, ListenerState state) {
            return new BindingView(b.name(), b.scheme().id(), b.isWildcard() ? "all interfaces" : b.address(),
                    (state != null && state.running()) ? state.localPort() : b.port(), b.localUrl(), b.sslBundle(),
                    List.copyOf(b.sni().keySet()), status(true, state), (state != null) ? state.failure() : null,
                    source(b, false), b.source() == Binding.Source.CONFIG, false, true, List.of());
        }

        static BindingView of(BindingEntry entry, ListenerState state) {
            Binding b = entry.binding();
            List<FieldView> fields = new ArrayList<>();
            for (BindingField field : BindingField.values()) {
                fields.add(new FieldView(field.field(), display(entry.values().get(field)), entry.origins().get(field),
                        entry.override().fields().containsKey(field)));
            }
            boolean running = entry.enabled() && state != null && state.running();
            return new BindingView(b.name(), b.scheme().id(), b.isWildcard() ? "all interfaces" : b.address(),
                    running ? state.localPort() : b.port(), b.localUrl(), b.sslBundle(), List.copyOf(b.sni().keySet()),
                    status(entry.enabled(), state), (entry.enabled() && state != null) ? state.failure() : null,
                    source(b, entry.overridden()), entry.source() == Binding.Source.CONFIG, entry.overridden(), entry.enabled(),
                    fields);
        }

        private static String status(boolean enabled, ListenerState state) {
            return !enabled ? "disabled" : (state == null) ? "stopped" : state.running() ? "running"
                    : (state.failure() != null) ? "failed" : "stopped";
        }

        private static String source(Binding b, boolean overridden) {
            return (b.source() == Binding.Source.CONFIG) ? ((overridden) ? "configuration, changed at runtime" : "configuration")
                    : "added at runtime";
        }

        private static String display(Object value) {
            if (value == null || (value instanceof List<?> l && l.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty())) {
                return "—";
            }
            if (value instanceof List<?> list) {
                return String.join(", ", list.stream().map(String::valueOf).toList());
            }
            return String.valueOf(value);
        }

    }

    /**
     * One field of a binding on its page.
     *
     * @param name the field's name, as the API has it
     * @param value its value in force
     * @param origin where the value comes from
     * @param overridden whether it was changed at runtime over the configuration
     */
    public record FieldView(String name, String value, String origin, boolean overridden) {
    }

    /**
     * A certificate on the dashboard and the certificate pages.
     *
     * @param renewal how its renewal stands, for certificates the portal renews (ACME);
     * otherwise {@code null}
     * @param lastError why the last renewal failed, or {@code null}
     * @param acme whether it is obtained from an ACME CA (and can be renewed now)
     */
    public record CertificateView(String bundle, String subject, String issuer, List<String> names, String notAfter, long daysLeft,
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
