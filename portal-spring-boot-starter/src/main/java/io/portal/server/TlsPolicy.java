package io.portal.server;

import java.util.List;

import io.portal.binding.Binding;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * TLS protocols and cipher suites for each binding: the binding's own settings, else the
 * bundle's options, else the portal's defaults, which follow Mozilla's "intermediate"
 * recommendation (TLS 1.2 and 1.3, forward-secret AEAD suites only). The server's order
 * of the suites wins over the client's, so that a client offering a weaker suite first
 * still gets the strongest both support.
 */
public final class TlsPolicy {

    /**
     * Protocols enabled when neither binding nor bundle names any.
     */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * Cipher suites enabled when neither binding nor bundle names any, in order of
     * preference.
     */
    public static final List<String> DEFAULT_CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {
    }

    /**
     * Make every TLS host configuration of a connector (the default certificate and each
     * SNI host name) choose cipher suites in the server's order. Call again after a host
     * configuration has been replaced, as a certificate update does.
     * @param connector the connector
     */
    public static void honourServerCipherOrder(Connector connector) {
        for (SSLHostConfig config : connector.findSslHostConfigs()) {
            config.setHonorCipherOrder(true);
        }
    }

    /**
     * The bundle as the binding serves it, with the effective protocols and ciphers.
     * @param bundle the SSL bundle
     * @param binding the binding
     * @return the bundle with its options resolved
     */
    public static SslBundle apply(SslBundle bundle, Binding binding) {
        SslOptions options = bundle.getOptions();
        String[] protocols = !binding.protocols().isEmpty() ? binding.protocols().toArray(String[]::new)
                : (options.getEnabledProtocols() != null) ? options.getEnabledProtocols()
                        : DEFAULT_PROTOCOLS.toArray(String[]::new);
        String[] ciphers = !binding.ciphers().isEmpty() ? binding.ciphers().toArray(String[]::new)
                : (options.getCiphers() != null) ? options.getCiphers() : DEFAULT_CIPHERS.toArray(String[]::new);
        return SslBundle.of(bundle.getStores(), bundle.getKey(), SslOptions.of(ciphers, protocols), bundle.getProtocol(),
                bundle.getManagers());
    }

}
