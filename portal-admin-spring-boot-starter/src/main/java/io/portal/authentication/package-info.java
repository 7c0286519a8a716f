/**
 * Forcing HTTPS and HSTS: the security filter chains, the redirect from HTTP bindings to
 * HTTPS ones, the Strict-Transport-Security header and its ramp, the operator's warnings,
 * and the {@code configure} command that changes these settings at runtime.
 */
package io.portal.authentication;
