package io.portal.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portal.binding.Binding;
import io.portal.binding.BindingEntry;
import io.portal.binding.Listeners.ListenerState;
import io.portal.certificate.CertificateSummary;

/**
 * A binding as the API shows it.
 *
 * @param name the name
 * @param source {@code config} (declared in configuration) or {@code runtime} (added
 * through the API, the pages or the shell)
 * @param overridden whether a configured binding has fields changed at runtime
 * @param enabled whether it listens (a configured binding can be disabled by override)
 * @param state {@code running}, {@code failed}, {@code stopped} or {@code disabled}
 * @param failure why it is not running, if so
 * @param scheme http or https
 * @param address address, or {@code null} for every interface
 * @param port the port
 * @param url a URL that reaches it from this machine
 * @param sslBundle the certificate's SSL bundle
 * @param sni certificates by host name
 * @param protocols TLS protocols set on the binding
 * @param ciphers cipher suites set on the binding
 * @param redirectTo the HTTPS binding an HTTP binding redirects to, if set
 * @param origin where each field's value comes from, by field name: for a configured
 * binding where it is declared ({@code application.yml line 38},
 * {@code environment PORTAL_BINDINGS_SECURE_PORT}, {@code built-in default},
 * {@code not set}) or {@code changed by <actor> at <time> (overrides ...)}; for a runtime
 * binding {@code added by <actor> at <time>} or {@code changed by <actor> at <time>}
 * @param override the fields of a configured binding changed at runtime, with their values
 * @param certificate what the default certificate is
 */
public record BindingResponse(String name, String source, boolean overridden, boolean enabled, String state, String failure,
        String scheme, String address, int port, String url, String sslBundle, Map<String, String> sni, List<String> protocols,
        List<String> ciphers, String redirectTo, Map<String, String> origin, Map<String, Object> override,
        CertificateResponse.Summary certificate) {

    static BindingResponse of(BindingEntry entry, ListenerState state, CertificateSummary certificate) {
        Binding binding = entry.binding();
        String status = !entry.enabled() ? "disabled" : (state == null) ? "stopped" : state.running() ? "running"
                : (state.failure() != null) ? "failed" : "stopped";
        Map<String, String> origin = new LinkedHashMap<>();
        entry.origins().forEach((field, text) -> origin.put(field.field(), text));
        Map<String, Object> override = new LinkedHashMap<>();
        entry.override().fields().forEach((field, change) -> override.put(field.field(), change.value()));
        return new BindingResponse(binding.name(), source(binding), entry.overridden(), entry.enabled(), status,
                (entry.enabled() && state != null) ? state.failure() : null, binding.scheme().id(), binding.address(),
                (entry.enabled() && state != null && state.running()) ? state.localPort() : binding.port(), binding.localUrl(),
                binding.sslBundle(), binding.sni(), binding.protocols(), binding.ciphers(), binding.redirectTo(), origin,
                override, (certificate != null) ? CertificateResponse.Summary.of(certificate) : null);
    }

    static String source(Binding binding) {
        return (binding.source() == Binding.Source.CONFIG) ? "config" : "runtime";
    }

}
