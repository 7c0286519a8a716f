package io.portal.equivalent;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.UriUtils;

/**
 * One call of the admin API as a generated script makes it: a {@code curl} command that
 * reads the portal's address, the token and the certificate to trust from
 * {@code PORTAL_URL}, {@code PORTAL_TOKEN} and {@code PORTAL_CACERT}, and fails (with the
 * portal's problem detail on standard output) when the portal refuses the call. Every
 * value in it is a shell word made by {@link ShellQuoting}.
 *
 * @param method the HTTP method
 * @param path the path, its segments already percent-encoded
 * @param arguments the further {@code curl} arguments (body, form fields), as shell words
 */
public record ApiCall(String method, String path, List<String> arguments) {

    /**
     * The options every call starts with: fail on an error status but show the body, trust
     * the portal through {@code PORTAL_CACERT} when it is set, send the token.
     */
    static final String CURL = "curl --fail-with-body --silent --show-error --write-out '\\n' "
            + "${PORTAL_CACERT:+--cacert \"$PORTAL_CACERT\"} -H \"Authorization: Bearer $PORTAL_TOKEN\"";

    public ApiCall {
        arguments = List.copyOf(arguments);
    }

    /**
     * A call without a body.
     * @param method the method
     * @param path the path, from {@link #path(String...)}
     * @return the call
     */
    public static ApiCall of(String method, String path) {
        return new ApiCall(method, path, List.of());
    }

    /**
     * A call with a JSON body.
     * @param method the method
     * @param path the path
     * @param contentType the media type, such as {@code application/json}
     * @param json the body, written by a JSON library
     * @return the call
     */
    public static ApiCall json(String method, String path, String contentType, String json) {
        return new ApiCall(method, path, List.of("-H", ShellQuoting.quote("Content-Type: " + contentType), "--data-binary",
                ShellQuoting.quote(json)));
    }

    /**
     * A multipart form upload.
     * @param path the path
     * @param fields the fields
     * @return the call
     */
    public static ApiCall form(String path, List<FormField> fields) {
        List<String> arguments = new ArrayList<>();
        fields.forEach((field) -> {
            arguments.add(field.option());
            arguments.add(field.word());
        });
        return new ApiCall("POST", path, arguments);
    }

    /**
     * A path of the API, each segment percent-encoded.
     * @param segments the segments, such as {@code "api", "bindings", name}
     * @return the path, such as {@code /api/bindings/extra}
     */
    public static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(UriUtils.encodePathSegment(segment, java.nio.charset.StandardCharsets.UTF_8));
        }
        return path.toString();
    }

    /**
     * The call as one command line.
     * @return the command
     */
    public String curl() {
        List<String> words = new ArrayList<>();
        words.add(CURL);
        words.add("-X");
        words.add(this.method);
        words.addAll(this.arguments);
        words.add("\"$PORTAL_URL\"" + ShellQuoting.quote(this.path));
        return String.join(" ", words);
    }

    /**
     * A field of a multipart form, as the {@code curl} option that sends it.
     *
     * @param option {@code --form-string} for text, {@code -F} for a file
     * @param word the field as one shell word
     */
    public record FormField(String option, String word) {

        /**
         * A field with a literal value, never read as a file name whatever it starts with.
         * @param name the field's name
         * @param value its value
         * @return the field
         */
        public static FormField literal(String name, String value) {
            return new FormField("--form-string", ShellQuoting.quote(name + "=" + value));
        }

        /**
         * A field whose value the script takes from an environment variable.
         * @param name the field's name
         * @param variable the variable's name
         * @return the field
         */
        public static FormField fromVariable(String name, String variable) {
            return new FormField("--form-string", "\"" + name + "=$" + variable + "\"");
        }

        /**
         * A field that uploads the file an environment variable names.
         * @param name the field's name
         * @param variable the variable that holds the file's path
         * @return the field
         */
        public static FormField file(String name, String variable) {
            return new FormField("-F", "\"" + name + "=@$" + variable + "\"");
        }

    }

}
