package io.portal.binding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Declared bindings. By default the portal has two, {@code web} (HTTP 8080) and
 * {@code secure} (HTTPS 8443 with SSL bundle {@code portal}); each field of each binding
 * can be overridden on its own, for example with PORTAL_BINDINGS_SECURE_PORT=443.
 */
@ConfigurationProperties("portal")
public class BindingProperties {

    /**
     * Bindings by name. Each enabled binding is one listener.
     */
    private final Map<String, Listener> bindings = new LinkedHashMap<>();

    public Map<String, Listener> getBindings() {
        return this.bindings;
    }

    /**
     * Whether the HTTPS binding of the given name offers HTTP/2: every binding but those
     * declared with {@code http2: false} (those added at runtime included).
     * @param name the binding's name
     * @return whether it offers HTTP/2
     */
    public boolean offersHttp2(String name) {
        Listener listener = this.bindings.get(name);
        return listener == null || !Boolean.FALSE.equals(listener.getHttp2());
    }

    /**
     * One declared binding.
     */
    public static class Listener {

        /**
         * Whether the binding listens. Set to false to switch off a default binding.
         */
        private boolean enabled = true;

        /**
         * Protocol: http or https.
         */
        private Scheme scheme = Scheme.HTTP;

        /**
         * Address to listen on, such as 127.0.0.1. Unset means every interface.
         */
        private String address;

        /**
         * Port to listen on, 1 to 65535.
         */
        private Integer port;

        /**
         * For https: the SSL bundle (spring.ssl.bundle.* or portal.certificates.*) that
         * supplies the certificate.
         */
        private String sslBundle;

        /**
         * For https: SSL bundles for other host names, chosen by the name the client asks
         * for (SNI). Keys with dots need brackets in properties:
         * portal.bindings.secure.sni[api.example.com]=api.
         */
        private Map<String, String> sni = new LinkedHashMap<>();

        /**
         * TLS protocols, overriding the bundle's options and the portal's default
         * (TLSv1.2, TLSv1.3).
         */
        private List<String> protocols = new ArrayList<>();

        /**
         * Cipher suites (JSSE or OpenSSL names), overriding the bundle's options and the
         * portal's default (Mozilla's "intermediate" list).
         */
        private List<String> ciphers = new ArrayList<>();

        /**
         * For http: the name of the HTTPS binding that requests are redirected to when
         * portal.redirect-http-to-https is on. Unset means the HTTPS binding on the same
         * address, or the only HTTPS binding.
         */
        private String redirectTo;

        /**
         * For https: whether to offer HTTP/2 (ALPN h2) besides HTTP/1.1; unset means yes.
         * Set in configuration only; bindings added at runtime offer it. Refused on http
         * bindings, which never serve cleartext HTTP/2.
         */
        private Boolean http2;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Scheme getScheme() {
            return this.scheme;
        }

        public void setScheme(Scheme scheme) {
            this.scheme = scheme;
        }

        public String getAddress() {
            return this.address;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public Integer getPort() {
            return this.port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public String getSslBundle() {
            return this.sslBundle;
        }

        public void setSslBundle(String sslBundle) {
            this.sslBundle = sslBundle;
        }

        public Map<String, String> getSni() {
            return this.sni;
        }

        public void setSni(Map<String, String> sni) {
            this.sni = sni;
        }

        public List<String> getProtocols() {
            return this.protocols;
        }

        public void setProtocols(List<String> protocols) {
            this.protocols = protocols;
        }

        public List<String> getCiphers() {
            return this.ciphers;
        }

        public void setCiphers(List<String> ciphers) {
            this.ciphers = ciphers;
        }

        public String getRedirectTo() {
            return this.redirectTo;
        }

        public void setRedirectTo(String redirectTo) {
            this.redirectTo = redirectTo;
        }

        public Boolean getHttp2() {
            return this.http2;
        }

        public void setHttp2(Boolean http2) {
            this.http2 = http2;
        }

    }

}
