package io.portal.https;

/**
 * Something about forcing HTTPS or HSTS that works but is likely to hurt: the operator
 * should read it and probably act.
 *
 * @param code a stable identifier, such as {@code hsts-untrusted-certificate}
 * @param message what is wrong and what it does to visitors, in plain words
 * @param fix what to do about it
 */
public record HttpsWarning(String code, String message, String fix) {

    @Override
    public String toString() {
        return this.message + " Fix: " + this.fix + " [" + this.code + "]";
    }

}
