/**
 * Portal: a Spring Boot web portal that listens on any number of HTTP and HTTPS bindings.
 */
package io.portal;
