/**
 * The admin REST API under {@code /api}: bindings, certificates, settings, tokens and the
 * audit log, with previews of every change and RFC 9457 problem details for errors.
 */
package io.portal.admin;
