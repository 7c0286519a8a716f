/**
 * Certificates: SSL bundles from files, certificates the portal manages itself, and the
 * inspection that turns a bad keystore into one clear message.
 */
package io.portal.certificate;
