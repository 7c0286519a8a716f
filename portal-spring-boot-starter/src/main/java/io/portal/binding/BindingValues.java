package io.portal.binding;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every field of a binding as declared, enabled or not, complete or not: what
 * configuration says, what an override makes of it, what a request asks for. Values are
 * normalised (blank text is unset, absent collections are empty), so that two declarations
 * of the same binding are equal.
 *
 * @param enabled whether it listens
 * @param scheme HTTP or HTTPS
 * @param address the address, or {@code null} for every interface
 * @param port the port, or {@code null} when not declared
 * @param sslBundle the default certificate's SSL bundle, or {@code null}
 * @param sni SSL bundles by host name
 * @param protocols TLS protocols
 * @param ciphers cipher suites
 * @param redirectTo the HTTPS binding an HTTP binding redirects to, or {@code null}
 */
public record BindingValues(boolean enabled, Scheme scheme, String address, Integer port, String sslBundle,
        Map<String, String> sni, List<String> protocols, List<String> ciphers, String redirectTo) {

    public BindingValues {
        scheme = (scheme != null) ? scheme : Scheme.HTTP;
        address = blankToNull(address);
        sslBundle = blankToNull(sslBundle);
        sni = (sni != null) ? java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sni)) : Map.of();
        protocols = (protocols != null) ? List.copyOf(protocols) : List.of();
        ciphers = (ciphers != null) ? List.copyOf(ciphers) : List.of();
        redirectTo = blankToNull(redirectTo);
    }

    /**
     * The values of a running (so enabled) binding.
     * @param binding the binding
     * @return its values
     */
    public static BindingValues of(Binding binding) {
        return new BindingValues(true, binding.scheme(), binding.address(), binding.port(),
                binding.sslBundle(), binding.sni(), binding.protocols(), binding.ciphers(), binding.redirectTo());
    }

    /**
     * The values a binding is declared with in configuration.
     * @param listener the declaration
     * @return its values
     */
    public static BindingValues of(BindingProperties.Listener listener) {
        return new BindingValues(listener.isEnabled(), listener.getScheme(), listener.getAddress(), listener.getPort(),
                listener.getSslBundle(), listener.getSni(), listener.getProtocols(), listener.getCiphers(),
                listener.getRedirectTo());
    }

    /**
     * The binding these values describe. HTTPS-only settings of an HTTP binding are not
     * used, and a binding without a port gets port 0, which no check lets listen.
     * @param name the binding's name
     * @param source where it was declared
     * @return the binding
     */
    public Binding toBinding(String name, Binding.Source source) {
        boolean https = this.scheme == Scheme.HTTPS;
        return new Binding(name, this.scheme, this.address, (this.port != null) ? this.port : 0, https ? this.sslBundle : null,
                https ? this.sni : Map.of(), this.protocols, this.ciphers, this.redirectTo, source);
    }

    /**
     * One field's value, as the API writes it: text, a number, a boolean, a list of text
     * or a map of text.
     * @param field the field
     * @return the value, {@code null} when unset
     */
    public Object get(BindingField field) {
        return switch (field) {
            case ENABLED -> this.enabled;
            case SCHEME -> this.scheme.id();
            case ADDRESS -> this.address;
            case PORT -> this.port;
            case SSL_BUNDLE -> this.sslBundle;
            case SNI -> this.sni;
            case PROTOCOLS -> this.protocols;
            case CIPHERS -> this.ciphers;
            case REDIRECT_TO -> this.redirectTo;
        };
    }

    /**
     * These values with one field changed.
     * @param field the field
     * @param value its new value in the form {@link #get(BindingField)} returns
     * @return the changed values
     * @throws IllegalArgumentException if the value has the wrong type for the field
     */
    public BindingValues with(BindingField field, Object value) {
        return switch (field) {
            case ENABLED -> new BindingValues(cast(field, value, Boolean.class), this.scheme, this.address, this.port,
                    this.sslBundle, this.sni, this.protocols, this.ciphers, this.redirectTo);
            case SCHEME -> new BindingValues(this.enabled, scheme(cast(field, value, String.class)), this.address, this.port,
                    this.sslBundle, this.sni, this.protocols, this.ciphers, this.redirectTo);
            case ADDRESS -> new BindingValues(this.enabled, this.scheme, cast(field, value, String.class), this.port,
                    this.sslBundle, this.sni, this.protocols, this.ciphers, this.redirectTo);
            case PORT -> new BindingValues(this.enabled, this.scheme, this.address,
                    (value != null) ? cast(field, value, Number.class).intValue() : null, this.sslBundle, this.sni,
                    this.protocols, this.ciphers, this.redirectTo);
            case SSL_BUNDLE -> new BindingValues(this.enabled, this.scheme, this.address, this.port,
                    cast(field, value, String.class), this.sni, this.protocols, this.ciphers, this.redirectTo);
            case SNI -> new BindingValues(this.enabled, this.scheme, this.address, this.port, this.sslBundle,
                    stringMap(field, value), this.protocols, this.ciphers, this.redirectTo);
            case PROTOCOLS -> new BindingValues(this.enabled, this.scheme, this.address, this.port, this.sslBundle,
                    this.sni, stringList(field, value), this.ciphers, this.redirectTo);
            case CIPHERS -> new BindingValues(this.enabled, this.scheme, this.address, this.port, this.sslBundle,
                    this.sni, this.protocols, stringList(field, value), this.redirectTo);
            case REDIRECT_TO -> new BindingValues(this.enabled, this.scheme, this.address, this.port, this.sslBundle,
                    this.sni, this.protocols, this.ciphers, cast(field, value, String.class));
        };
    }

    /**
     * The fields whose values differ from others', with these values.
     * @param other the values to compare with
     * @return the differing fields and their values here, in field order
     */
    public Map<BindingField, Object> differences(BindingValues other) {
        Map<BindingField, Object> differences = new EnumMap<>(BindingField.class);
        for (BindingField field : BindingField.values()) {
            if (!Objects.equals(get(field), other.get(field))) {
                differences.put(field, get(field));
            }
        }
        return differences;
    }

    /**
     * The values by API field name, unset ones left out, for JSON.
     * @return the values
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (BindingField field : BindingField.values()) {
            Object value = get(field);
            boolean empty = value == null || (value instanceof Map<?, ?> m && m.isEmpty())
                    || (value instanceof List<?> l && l.isEmpty());
            if (!empty) {
                map.put(field.field(), value);
            }
        }
        return map;
    }

    private static Scheme scheme(String value) {
        return (value != null) ? Scheme.valueOf(value.toUpperCase(Locale.ROOT)) : Scheme.HTTP;
    }

    private static <T> T cast(BindingField field, Object value, Class<T> type) {
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException("The value of " + field.field() + " is not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    private static List<String> stringList(BindingField field, Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof List<?> items) {
            items.forEach((item) -> list.add(cast(field, item, String.class)));
        }
        else if (value != null) {
            throw new IllegalArgumentException("The value of " + field.field() + " is not a list");
        }
        return list;
    }

    private static Map<String, String> stringMap(BindingField field, Object value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> map.put(cast(field, key, String.class), cast(field, item, String.class)));
        }
        else if (value != null) {
            throw new IllegalArgumentException("The value of " + field.field() + " is not a map");
        }
        return map;
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

}
