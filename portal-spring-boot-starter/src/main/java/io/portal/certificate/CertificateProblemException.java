package io.portal.certificate;

import java.util.List;

/**
 * An SSL bundle cannot serve TLS: its file is missing or malformed, its password is
 * wrong, it has no private key, or its key does not match its certificate. The message
 * names the bundle and the cause; {@link #getAction()} says how to fix it. Neither ever
 * contains a password or key material.
 */
public class CertificateProblemException extends RuntimeException {

    private final String bundle;

    private final String reason;

    private final String action;

    private final List<String> bindings;

    public CertificateProblemException(String bundle, String origin, String reason, String action, List<String> bindings) {
        super(message(bundle, origin, reason, bindings));
        this.bundle = bundle;
        this.reason = reason;
        this.action = action;
        this.bindings = List.copyOf(bindings);
    }

    private static String message(String bundle, String origin, String reason, List<String> bindings) {
        StringBuilder message = new StringBuilder("SSL bundle '").append(bundle).append("' (").append(origin);
        if (!bindings.isEmpty()) {
            message.append(", used by binding").append(bindings.size() > 1 ? "s " : " ");
            message.append(String.join(", ", bindings.stream().map((b) -> "'" + b + "'").toList()));
        }
        return message.append(") cannot be used: ").append(reason).append('.').toString();
    }

    /**
     * The same problem, stated for the bindings that use the bundle.
     * @param bindings the names of the bindings
     * @param origin where the bundle was declared
     * @return a new exception
     */
    public CertificateProblemException usedBy(List<String> bindings, String origin) {
        return new CertificateProblemException(this.bundle, origin, this.reason, this.action, bindings);
    }

    public String getBundle() {
        return this.bundle;
    }

    public String getReason() {
        return this.reason;
    }

    public String getAction() {
        return this.action;
    }

    public List<String> getBindings() {
        return this.bindings;
    }

}
