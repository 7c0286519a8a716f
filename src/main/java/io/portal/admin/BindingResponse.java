package io.portal.admin;

import java.util.List;
import java.util.Map;

import io.portal.binding.Binding;
import io.portal.binding.Listeners.ListenerState;
import io.portal.certificate.CertificateSummary;

/**
 * A binding as the API shows it.
 *
 * @param name the name
 * @param source {@code config} (read-only) or {@code api}
 * @param state {@code running}, {@code failed} or {@code stopped}
 * @param failure why it is not running, if so
 * @param scheme http or https
 * @param address address, or {@code null} for every interface
 * @param port the port
 * @param url a URL that reaches it from this machine
 * @param sslBundle the certificate's SSL bundle
 * @param sni certificates by host name
 * @param protocols TLS protocols set on the binding
 * @param ciphers cipher suites set on the binding
 * @param certificate what the default certificate is
 */
public record BindingResponse(String name, String source, String state, String failure, String scheme, String address, int port,
        String url, String sslBundle, Map<String, String> sni, List<String> protocols, List<String> ciphers,
        CertificateResponse.Summary certificate) {

    static BindingResponse of(Binding binding, ListenerState state, CertificateSummary certificate) {
        String status = (state == null) ? "stopped" : state.running() ? "running" : (state.failure() != null) ? "failed" : "stopped";
        return new BindingResponse(binding.name(), binding.source().name().toLowerCase(), status,
                (state != null) ? state.failure() : null, binding.scheme().id(), binding.address(),
                (state != null && state.running()) ? state.localPort() : binding.port(), binding.localUrl(), binding.sslBundle(),
                binding.sni(), binding.protocols(), binding.ciphers(),
                (certificate != null) ? CertificateResponse.Summary.of(certificate) : null);
    }

}
