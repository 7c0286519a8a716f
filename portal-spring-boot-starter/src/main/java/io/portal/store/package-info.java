/**
 * The state store: the relational database behind the portal (H2 by default, PostgreSQL
 * when configured) and the encryption of secrets kept in it.
 */
package io.portal.store;
