/**
 * Bindings: the HTTP and HTTPS listeners (scheme, address, port, certificate) the portal
 * serves on, as declared in configuration, and their validation.
 */
package io.portal.binding;
