package io.portal.binding;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields of a binding, by the name the API uses and the property name under
 * {@code portal.bindings.<name>}. An override of a configured binding holds a value for
 * some of them.
 */
public enum BindingField {

    /**
     * Whether it listens.
     */
    ENABLED("enabled", "enabled"),

    /**
     * {@code http} or {@code https}.
     */
    SCHEME("scheme", "scheme"),

    /**
     * The address, {@code null} for every interface.
     */
    ADDRESS("address", "address"),

    /**
     * The port.
     */
    PORT("port", "port"),

    /**
     * The default certificate's SSL bundle.
     */
    SSL_BUNDLE("sslBundle", "ssl-bundle"),

    /**
     * SSL bundles by host name.
     */
    SNI("sni", "sni"),

    /**
     * TLS protocols.
     */
    PROTOCOLS("protocols", "protocols"),

    /**
     * Cipher suites.
     */
    CIPHERS("ciphers", "ciphers"),

    /**
     * The HTTPS binding an HTTP binding's requests are redirected to.
     */
    REDIRECT_TO("redirectTo", "redirect-to");

    private final String field;

    private final String property;

    BindingField(String field, String property) {
        this.field = field;
        this.property = property;
    }

    /**
     * The name in the API and the pages, such as {@code sslBundle}.
     * @return the name
     */
    public String field() {
        return this.field;
    }

    /**
     * The name in configuration, such as {@code ssl-bundle}.
     * @return the name
     */
    public String property() {
        return this.property;
    }

    /**
     * The field the API calls so.
     * @param field such as {@code sslBundle}
     * @return the field, if there is one of that name
     */
    public static Optional<BindingField> of(String field) {
        return Arrays.stream(values()).filter((f) -> f.field.equals(field)).findFirst();
    }

}
