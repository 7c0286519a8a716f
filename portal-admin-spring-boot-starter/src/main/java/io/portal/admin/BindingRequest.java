package io.portal.admin;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portal.binding.Binding;
import io.portal.binding.BindingField;
import io.portal.binding.BindingValues;
import io.portal.binding.HostNames;
import io.portal.binding.InvalidBindingException;
import io.portal.binding.Scheme;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A binding as sent to the API: a JSON object with the fields of
 * {@code portal.bindings.<name>}, camel-cased. Each field must have its JSON type (a port
 * is a whole number, not {@code 8443.5}, {@code "8443"} or {@code true}); nothing is
 * coerced, unknown fields and fields named twice are refused, and every refusal names the
 * field. Fields:
 * <ul>
 * <li>{@code name}: the name (for creation; the path names it otherwise)</li>
 * <li>{@code scheme}: {@code http} or {@code https}</li>
 * <li>{@code address}: address to listen on, or empty for every interface</li>
 * <li>{@code port}: the port, 1 to 65535</li>
 * <li>{@code sslBundle}: for https, the certificate's SSL bundle</li>
 * <li>{@code sni}: for https, certificates by host name (international names are stored
 * in their ASCII form)</li>
 * <li>{@code protocols}, {@code ciphers}: for https, TLSv1.2/TLSv1.3 and JSSE cipher
 * suites, empty for the defaults</li>
 * <li>{@code redirectTo}: for http, the HTTPS binding its requests are redirected to when
 * HTTPS is forced (default: the HTTPS binding on the same address, or the only one)</li>
 * <li>{@code enabled}: for a binding declared in configuration, whether it listens</li>
 * </ul>
 *
 * @param name the name in the body, or {@code null}
 * @param fields the fields in the body, {@code null} values where the body has
 * {@code null}
 */
record BindingRequest(String name, Map<BindingField, Object> fields) {

    /**
     * The largest body read; a binding is a few hundred bytes.
     */
    static final int MAX_BODY = 64 * 1024;

    private static final List<BindingField> HTTPS_ONLY = List.of(BindingField.SSL_BUNDLE, BindingField.SNI,
            BindingField.PROTOCOLS, BindingField.CIPHERS);

    /**
     * The mapper that reads request bodies: the application's, refusing fields named
     * twice and anything after the object.
     * @param json the application's mapper
     * @return the strict mapper
     */
    static JsonMapper strict(JsonMapper json) {
        return json.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    }

    /**
     * Read a request body as a JSON object.
     * @param body the body
     * @param binding the binding it is about, for messages
     * @param strict the mapper from {@link #strict(JsonMapper)}
     * @return the JSON object
     * @throws InvalidBindingException if it is not one JSON object
     */
    static JsonNode read(byte[] body, String binding, JsonMapper strict) {
        JsonNode node;
        try {
            node = strict.readTree(body);
        }
        catch (JacksonException ex) {
            TokenStreamLocation location = ex.getLocation();
            String where = (location != null && location.getLineNr() > 0)
                    ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
            String what = (ex.getOriginalMessage() != null && ex.getOriginalMessage().startsWith("Duplicate"))
                    ? "names a field twice" : "is not valid JSON in UTF-8";
            throw new InvalidBindingException(binding, "body", "cannot be changed: the request body " + what + where,
                    "Send one JSON object, such as {\"scheme\": \"https\", \"port\": 8443, \"sslBundle\": \"portal\"}.");
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw new InvalidBindingException(binding, "body", "cannot be changed: the request body is not a JSON object",
                    "Send one JSON object, such as {\"scheme\": \"https\", \"port\": 8443, \"sslBundle\": \"portal\"}.");
        }
        return node;
    }

    /**
     * The fields of a JSON object, each checked for its type.
     * @param node the object
     * @param binding the binding it is about, for messages
     * @return the request
     * @throws InvalidBindingException naming the first field that is unknown or has the
     * wrong type
     */
    static BindingRequest parse(JsonNode node, String binding) {
        return parse(node, binding, false);
    }

    /**
     * The fields of a JSON merge patch, each checked for its type; {@code null} inside
     * {@code sni} removes a host name there, and is left out.
     * @param node the patch
     * @param binding the binding it is about, for messages
     * @return the request
     */
    static BindingRequest parsePatch(JsonNode node, String binding) {
        return parse(node, binding, true);
    }

    private static BindingRequest parse(JsonNode node, String binding, boolean patch) {
        String name = null;
        Map<BindingField, Object> fields = new EnumMap<>(BindingField.class);
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String key = property.getKey();
            JsonNode value = property.getValue();
            if ("name".equals(key)) {
                name = text(binding, "name", value, false);
                continue;
            }
            BindingField field = BindingField.of(key).orElseThrow(() -> new InvalidBindingException(binding, shownField(key),
                    "has no field '" + InvalidBindingException.shown(key) + "'",
                    "Use only name, scheme, address, port, sslBundle, sni, protocols, ciphers, redirectTo and enabled."));
            fields.put(field, value(binding, field, value, patch));
        }
        return new BindingRequest(name, fields);
    }

    private static Object value(String binding, BindingField field, JsonNode value, boolean patch) {
        if (value.isNull()) {
            return null;
        }
        return switch (field) {
            case ENABLED -> {
                if (!value.isBoolean()) {
                    throw wrongType(binding, field, "true or false");
                }
                yield value.booleanValue();
            }
            case SCHEME -> {
                String scheme = text(binding, "scheme", value, false).toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new InvalidBindingException(binding, "scheme", "has scheme '" + InvalidBindingException.shown(scheme)
                            + "'", "Set scheme to http or https.");
                }
                yield scheme;
            }
            case PORT -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    throw wrongType(binding, field, "a whole number between 1 and 65535, such as 8443");
                }
                yield value.intValue();
            }
            case SNI -> sni(binding, value, patch);
            case PROTOCOLS, CIPHERS -> {
                if (!value.isArray()) {
                    throw wrongType(binding, field, "a list of names, such as [\"TLSv1.3\"]");
                }
                List<String> names = new ArrayList<>();
                value.values().forEach((item) -> names.add(text(binding, field.field(), item, false)));
                yield names;
            }
            default -> text(binding, field.field(), value, true);
        };
    }

    private static Map<String, String> sni(String binding, JsonNode value, boolean patch) {
        if (!value.isObject()) {
            throw wrongType(binding, BindingField.SNI, "an object from host names to certificates, such as "
                    + "{\"api.example.com\": \"api\"}");
        }
        Map<String, String> sni = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String host = HostNames.normalize(entry.getKey(), true).orElseThrow(() -> new InvalidBindingException(binding, "sni",
                    "maps '" + InvalidBindingException.shown(entry.getKey()) + "', which is not a host name, to a certificate",
                    "Use host names such as api.example.com, *.example.com or bücher.example as keys of sni."));
            if (!(patch && entry.getValue().isNull())) {
                sni.put(host, text(binding, "sni", entry.getValue(), false));
            }
        }
        return sni;
    }

    private static String text(String binding, String field, JsonNode value, boolean nullable) {
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidBindingException(binding, field, "has a " + field + " that is not text",
                    "Give " + field + " as a JSON string.");
        }
        return value.stringValue();
    }

    private static InvalidBindingException wrongType(String binding, BindingField field, String expected) {
        return new InvalidBindingException(binding, field.field(), "has a " + field.field() + " that is not " + expected,
                "Give " + field.field() + " as " + expected + ".");
    }

    private static String shownField(String key) {
        return InvalidBindingException.shown(key);
    }

    /**
     * The binding this request describes in full (POST, PUT): fields it leaves out are
     * unset, and HTTPS settings on an HTTP binding are refused.
     * @param pathName the name from the URL, or {@code null} when creating
     * @return the binding
     * @throws InvalidBindingException if a field is missing or does not fit
     */
    Binding toBinding(String pathName) {
        String bindingName = (pathName != null) ? pathName : this.name;
        if (bindingName == null || bindingName.isBlank()) {
            throw new InvalidBindingException("(unnamed)", "name", "has no name", "Give the binding a name, such as \"extra\".");
        }
        if (pathName != null && this.name != null && !this.name.equals(pathName)) {
            throw new InvalidBindingException(pathName, "name", "cannot be renamed to '" + InvalidBindingException.shown(this.name)
                    + "'", "Create a binding with the new name and remove this one.");
        }
        if (this.fields.get(BindingField.SCHEME) == null) {
            throw new InvalidBindingException(bindingName, "scheme", "has no scheme", "Set scheme to http or https.");
        }
        if (this.fields.get(BindingField.PORT) == null) {
            throw new InvalidBindingException(bindingName, "port", "has no port", "Set port to a port between 1 and 65535.");
        }
        if (Boolean.FALSE.equals(this.fields.get(BindingField.ENABLED))) {
            throw new InvalidBindingException(bindingName, "enabled", "cannot be disabled with a replacement",
                    "Remove it with DELETE /api/bindings/" + bindingName + " (a configured binding is then disabled), "
                            + "or PATCH it with {\"enabled\": false}.");
        }
        BindingValues values = apply(new BindingValues(true, null, null, null, null, null, null, null, null));
        checkHttpsOnly(bindingName, values.scheme(), this.fields);
        return values.toBinding(bindingName, Binding.Source.RUNTIME);
    }

    /**
     * Some values with this request's fields set.
     * @param values the values to start from
     * @return the values with the request's fields
     */
    BindingValues apply(BindingValues values) {
        BindingValues result = values;
        for (Map.Entry<BindingField, Object> field : this.fields.entrySet()) {
            result = result.with(field.getKey(), field.getValue());
        }
        return result;
    }

    /**
     * Refuse certificate and TLS settings given for an HTTP binding: they would be ignored.
     * @param binding the binding's name
     * @param scheme the scheme the binding ends up with
     * @param given the fields given with values
     */
    static void checkHttpsOnly(String binding, Scheme scheme, Map<BindingField, Object> given) {
        if (scheme != Scheme.HTTP) {
            return;
        }
        for (BindingField field : HTTPS_ONLY) {
            Object value = given.get(field);
            boolean empty = value == null || (value instanceof Map<?, ?> map && map.isEmpty())
                    || (value instanceof List<?> list && list.isEmpty());
            if (!empty) {
                throw new InvalidBindingException(binding, field.field(), "is plain HTTP, but has " + field.field()
                        + ", which only HTTPS bindings use", "Remove " + field.field() + ", or set scheme to https.");
            }
        }
    }

    /**
     * The JSON of a binding request, for the API's description ({@code /v3/api-docs}); the
     * body is read by {@link BindingRequest#parse}.
     *
     * @param name the name (for creation; the path names it otherwise)
     * @param scheme http or https
     * @param address address to listen on, or empty for every interface
     * @param port the port, 1 to 65535
     * @param sslBundle for https, the certificate's SSL bundle
     * @param sni for https, certificates by host name
     * @param protocols for https, TLSv1.2 and/or TLSv1.3; empty for both
     * @param ciphers for https, JSSE cipher suites; empty for the defaults
     * @param redirectTo for http, the HTTPS binding its requests are redirected to
     * @param enabled for a configured binding, whether it listens
     */
    record Document(String name, String scheme, String address, Integer port, String sslBundle, Map<String, String> sni,
            List<String> protocols, List<String> ciphers, String redirectTo, Boolean enabled) {
    }

}
