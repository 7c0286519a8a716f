package io.portal.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portal.binding.Binding;
import io.portal.binding.InvalidBindingException;
import io.portal.binding.Scheme;

/**
 * A binding as sent to the API: the fields of {@code portal.bindings.<name>}, camel-cased.
 *
 * @param name the name (for creation; the path names it otherwise)
 * @param scheme {@code http} or {@code https}
 * @param address address to listen on, or empty for every interface
 * @param port the port
 * @param sslBundle for https, the certificate's SSL bundle
 * @param sni for https, certificates by host name
 * @param protocols TLS protocols, or empty for the defaults
 * @param ciphers cipher suites, or empty for the defaults
 * @param redirectTo for http, the HTTPS binding its requests are redirected to when HTTPS
 * is forced (default: the HTTPS binding on the same address, or the only one)
 */
public record BindingRequest(String name, String scheme, String address, Integer port, String sslBundle,
        Map<String, String> sni, List<String> protocols, List<String> ciphers, String redirectTo) {

    /**
     * The binding this request describes.
     * @param pathName the name from the URL, or {@code null} when creating
     * @return the binding
     * @throws InvalidBindingException if a field is missing or malformed
     */
    public Binding toBinding(String pathName) {
        String bindingName = (pathName != null) ? pathName : this.name;
        if (bindingName == null || bindingName.isBlank()) {
            throw new InvalidBindingException("(unnamed)", "name", "has no name", "Give the binding a name, such as \"extra\".");
        }
        if (pathName != null && this.name != null && !this.name.equals(pathName)) {
            throw new InvalidBindingException(pathName, "name", "cannot be renamed to '" + this.name + "'",
                    "Create a binding with the new name and remove this one.");
        }
        if (this.scheme == null || !(this.scheme.equalsIgnoreCase("http") || this.scheme.equalsIgnoreCase("https"))) {
            throw new InvalidBindingException(bindingName, "scheme", "has scheme '" + this.scheme + "'", "Set scheme to http or https.");
        }
        if (this.port == null) {
            throw new InvalidBindingException(bindingName, "port", "has no port", "Set port to a port between 1 and 65535.");
        }
        Scheme parsed = Scheme.valueOf(this.scheme.toUpperCase(Locale.ROOT));
        boolean https = parsed == Scheme.HTTPS;
        String address = (this.address == null || this.address.isBlank()) ? null : this.address.trim();
        return new Binding(bindingName, parsed, address, this.port, https ? blankToNull(this.sslBundle) : null,
                (https && this.sni != null) ? this.sni : Map.of(), (this.protocols != null) ? this.protocols : List.of(),
                (this.ciphers != null) ? this.ciphers : List.of(), https ? null : blankToNull(this.redirectTo), Binding.Source.API);
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

}
