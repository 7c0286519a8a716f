/**
 * Shell commands of {@code java -jar portal.jar}: each runs against the state store
 * without starting the web server.
 */
package io.portal.cli;
