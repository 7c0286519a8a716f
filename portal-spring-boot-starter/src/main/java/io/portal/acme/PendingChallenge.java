package io.portal.acme;

import java.time.Instant;

/**
 * An HTTP-01 challenge waiting for the CA to fetch it.
 *
 * @param token the token the CA asks for, as in /.well-known/acme-challenge/TOKEN
 * @param keyAuthorization the answer
 * @param domain the domain being validated
 * @param certificate the certificate it is for
 * @param createdAt when it was presented
 */
record PendingChallenge(String token, String keyAuthorization, String domain, String certificate, Instant createdAt) {
}
