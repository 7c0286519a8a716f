package io.portal.script;

/**
 * The portal a script was shown on: the HTTPS URL it replays against by default, and the
 * SSL bundle whose public certificate chain it trusts there.
 *
 * @param url the base URL, such as {@code https://portal.example.com:8443}; plain HTTP
 * only when the portal has no HTTPS binding
 * @param bundle the bundle served at that URL, or {@code null} if unknown
 */
public record ScriptTarget(String url, String bundle) {
}
