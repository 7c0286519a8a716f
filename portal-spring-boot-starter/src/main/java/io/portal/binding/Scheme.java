package io.portal.binding;

/**
 * The protocol a binding speaks.
 */
public enum Scheme {

    /**
     * Plain HTTP.
     */
    HTTP,

    /**
     * HTTP over TLS.
     */
    HTTPS;

    /**
     * The scheme as written in URLs.
     * @return {@code http} or {@code https}
     */
    public String id() {
        return name().toLowerCase();
    }

    /**
     * The port a browser uses when a URL names none.
     * @return 80 or 443
     */
    public int defaultPort() {
        return (this == HTTP) ? 80 : 443;
    }

}
