/**
 * The embedded Tomcat: one connector per binding, TLS settings, and live certificate
 * swaps. The only package that touches Tomcat's internals.
 */
package io.portal.server;
