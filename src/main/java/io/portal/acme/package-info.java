/**
 * Certificates from Let's Encrypt and any other ACME CA: the account, HTTP-01 challenges
 * answered from the state store, issuance, scheduled renewal with backoff, and the live
 * swap of the served certificate. The only package that uses acme4j.
 */
package io.portal.acme;
