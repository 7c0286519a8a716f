/**
 * The public home page: the portal's name, its bindings and their certificates.
 */
package io.portal.home;
