package io.portal.web;

/**
 * A warning as the pages show it.
 *
 * @param code a stable identifier
 * @param message what is wrong, in plain words
 * @param fix what to do about it
 */
public record PageWarning(String code, String message, String fix) {
}
