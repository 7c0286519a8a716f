/**
 * Settings and defaults that every feature shares: the portal's name, its data directory
 * and the built-in default configuration.
 */
package io.portal.system;
