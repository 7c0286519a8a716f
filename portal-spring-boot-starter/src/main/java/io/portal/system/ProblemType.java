package io.portal.system;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of problem the admin API reports (RFC 9457 problem types), each documented
 * by a page the portal serves itself at {@code /problems/<code>}. A problem of another
 * kind, whose meaning is that of its HTTP status alone, has the type {@code about:blank}.
 */
public enum ProblemType {

    INVALID_BINDING("Invalid binding", "A field of the binding is not acceptable: its name, scheme, address, port, SSL bundle, "
            + "SNI names, TLS protocols or cipher suites, or redirect-to.",
            "Correct the field named in errors[].field as the action says, then send the request again."),

    PORT_UNAVAILABLE("Port unavailable", "The binding's port cannot be opened: another program or binding listens on it, "
            + "or the portal may not use it (ports below 1024 need privileges).",
            "Choose a free port, stop what uses it, or listen above 1023 and forward the low port to it."),

    UNUSABLE_CERTIFICATE("Unusable certificate", "The SSL bundle named for the binding cannot be served: it does not "
            + "exist, its key store cannot be read, or its key does not match its certificate.",
            "Use an existing bundle (GET /api/certificates), or fix the bundle's files or password."),

    INVALID_CERTIFICATE("Invalid certificate", "An uploaded or requested certificate is not acceptable: the file cannot be "
            + "read, the password is wrong, the key does not match, the chain is out of order, or a name is not valid.",
            "Correct the field named in errors[].field as the action says, then send the request again."),

    INVALID_HTTPS_SETTINGS("Invalid HTTPS settings", "A setting of forcing HTTPS or HSTS has a value the portal does not "
            + "accept, or the settings contradict each other (preload without a year of max-age).",
            "Correct the setting named in errors[].field as the action says; nothing was changed."),

    CHANGED_BY_SOMEONE_ELSE("Changed by someone else", "The If-Match header names a version (ETag) that is no longer the "
            + "current one: someone changed the resource after you read it. ETags are compared strongly (RFC 9110); a weak "
            + "tag (W/\"...\") never matches.", "Read the resource again, apply your change to it and send it with the new ETag."),

    UPLOAD_TOO_LARGE("Upload too large", "The uploaded file or request is larger than the portal accepts.",
            "Check that you upload the right file (certificate files are a few kilobytes), or raise "
                    + "spring.servlet.multipart.max-file-size."),

    REQUEST_BODY_TOO_LARGE("Request body too large", "The JSON body of an admin API request is larger than the portal "
            + "reads: 1 MB (1048576 bytes); a binding's body 64 KiB. Such a body is not read.",
            "Send only the fields of the resource, which are a few hundred bytes; upload certificate files as multipart."),

    BEING_OBTAINED_ELSEWHERE("Being obtained elsewhere", "Another node or the shell is obtaining this certificate right now.",
            "Follow its progress at GET /api/certificates/{name}/progress, or try again in a few minutes."),

    RENEWAL_FAILED("Renewal failed", "The ACME CA refused or could not complete the order; the certificate in use stays.",
            "Read the CA's explanation and the advice in the answer, fix what they name, and renew again."),

    CA_UNREACHABLE("CA unreachable", "The ACME CA's directory cannot be reached from the portal.",
            "Check the directory URL, the network and proxy settings, and portal.acme.trust-store for a private CA."),

    INVALID_ACME_REQUEST("Invalid ACME request", "A field of the certificate request is not acceptable.",
            "Correct the field named in errors[].field as the action says, then send the request again."),

    INVALID_TOKEN_REQUEST("Invalid token request", "The name of the API token is not acceptable: too long, or it holds "
            + "control characters.", "Choose a name of at most 100 printable characters, such as the job that uses the token."),

    STATE_STORE_UNREACHABLE("State store unreachable", "The portal cannot reach its state store (the database): it is down, "
            + "the network to it is cut, or it gave no connection within spring.datasource.hikari.connection-timeout. "
            + "Nothing was changed. The portal keeps serving its bindings, certificates and HTTPS settings as they were.",
            "Check the database and the network to it (the store component of /actuator/health says since when and why); "
                    + "send the request again once it is back."),

    AUTHENTICATION_REQUIRED("Authentication required", "The admin API needs an administrator: HTTP Basic credentials or an API "
            + "token. None were sent, or they are wrong, or the token is revoked.",
            "Send 'Authorization: Basic ...' (curl -u admin:PASSWORD) or 'Authorization: Bearer ptk_...'; create tokens with "
                    + "POST /api/tokens."),

    TOO_MANY_SIGN_INS("Too many failed sign-ins", "This address failed to sign in too often within portal.admin.failure-window "
            + "(or too many attempts from it are being checked at once); further attempts are refused without being checked.",
            "Wait the number of seconds in the Retry-After header, then sign in with the right credentials."),

    HTTPS_REQUIRED("HTTPS required", "Credentials (a password or an API token) arrived over plain HTTP from another machine, "
            + "where anyone on the network path can read them. The portal refuses them unchecked.",
            "Send them over HTTPS, to the URL in httpsUrl (with a self-signed certificate: curl --cacert portal.pem). If they "
                    + "crossed a network you do not trust, change the password or revoke the token. Behind a proxy that "
                    + "terminates TLS, set server.forward-headers-strategy=native so that X-Forwarded-Proto: https counts.");

    private final String title;

    private final String description;

    private final String fix;

    ProblemType(String title, String description, String fix) {
        this.title = title;
        this.description = description;
        this.fix = fix;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String title() {
        return this.title;
    }

    public String description() {
        return this.description;
    }

    public String fix() {
        return this.fix;
    }

    /**
     * The documented type with this code.
     * @param code such as {@code invalid-binding}
     * @return the type
     */
    public static Optional<ProblemType> ofCode(String code) {
        return Arrays.stream(values()).filter((type) -> type.code().equals(code)).findFirst();
    }

    /**
     * The documented type with this title.
     * @param title such as {@code Invalid binding}
     * @return the type
     */
    public static Optional<ProblemType> ofTitle(String title) {
        return Arrays.stream(values()).filter((type) -> type.title.equalsIgnoreCase(title)).findFirst();
    }

    /**
     * The {@code type} of a problem with this title: the page that documents it on the
     * portal the client called, or {@code about:blank} when the title is just its status.
     * @param title the problem's title
     * @param baseUrl the portal's URL as the client called it, or {@code null}
     * @return the type
     */
    public static URI uri(String title, String baseUrl) {
        return ofTitle(title).filter((type) -> baseUrl != null)
            .map((type) -> URI.create(baseUrl + "/problems/" + type.code()))
            .orElse(URI.create("about:blank"));
    }

}
