/**
 * Certificates from Let's Encrypt and any other ACME CA, declared in configuration or
 * requested at runtime: the accounts, HTTP-01 challenges answered from the state store,
 * issuance, scheduled renewal with backoff, the live swap of the served certificate, and
 * the progress of each order. The only package that uses acme4j.
 */
package io.portal.acme;
