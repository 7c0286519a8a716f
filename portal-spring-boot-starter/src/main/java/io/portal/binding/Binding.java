package io.portal.binding;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One listener of the portal.
 *
 * @param name the binding's name
 * @param scheme HTTP or HTTPS
 * @param address the address to listen on, or {@code null} for every interface
 * @param port the port
 * @param sslBundle for HTTPS, the SSL bundle that supplies the default certificate
 * @param sni for HTTPS, SSL bundles for other host names (Server Name Indication)
 * @param protocols TLS protocols, overriding the bundle's and the portal's defaults
 * @param ciphers cipher suites, overriding the bundle's and the portal's defaults
 * @param redirectTo for HTTP, the HTTPS binding that requests are redirected to when HTTPS
 * is forced, or {@code null} for the HTTPS binding on the same address (or the only one)
 * @param source where the binding was declared
 */
public record Binding(String name, Scheme scheme, String address, int port, String sslBundle, Map<String, String> sni,
        List<String> protocols, List<String> ciphers, String redirectTo, Source source) {

    public Binding {
        sni = (sni != null) ? Map.copyOf(sni) : Map.of();
        protocols = (protocols != null) ? List.copyOf(protocols) : List.of();
        ciphers = (ciphers != null) ? List.copyOf(ciphers) : List.of();
        redirectTo = (redirectTo != null && !redirectTo.isBlank()) ? redirectTo : null;
    }

    /**
     * A binding without an explicit redirect target: every HTTPS binding, and HTTP
     * bindings that redirect to the HTTPS binding on their address.
     */
    public Binding(String name, Scheme scheme, String address, int port, String sslBundle, Map<String, String> sni,
            List<String> protocols, List<String> ciphers, Source source) {
        this(name, scheme, address, port, sslBundle, sni, protocols, ciphers, null, source);
    }

    public boolean isHttps() {
        return this.scheme == Scheme.HTTPS;
    }

    /**
     * Whether the binding listens on every interface.
     * @return whether the address is unset or a wildcard
     */
    public boolean isWildcard() {
        return this.address == null || this.address.isBlank() || "0.0.0.0".equals(this.address)
                || "::".equals(this.address) || "[::]".equals(this.address);
    }

    /**
     * The SSL bundles this binding uses: the default one first, then those for SNI.
     * @return the bundle names
     */
    public List<String> bundles() {
        if (!isHttps()) {
            return List.of();
        }
        LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        if (this.sslBundle != null) {
            names.add(this.sslBundle);
        }
        names.addAll(this.sni.values());
        return List.copyOf(names);
    }

    /**
     * A URL that reaches this binding from this machine.
     * @return the URL
     */
    public String localUrl() {
        String host = isWildcard() ? "localhost" : (this.address.contains(":") && !this.address.startsWith("[")
                ? "[" + this.address + "]" : this.address);
        return this.scheme.id() + "://" + host + ((this.port == this.scheme.defaultPort()) ? "" : ":" + this.port) + "/";
    }

    /**
     * Where a binding was declared.
     */
    public enum Source {

        /**
         * In configuration: application.yml, environment variables or command line.
         */
        CONFIG,

        /**
         * At runtime, through the portal's API, pages or shell; kept in the state store.
         */
        RUNTIME

    }

}
