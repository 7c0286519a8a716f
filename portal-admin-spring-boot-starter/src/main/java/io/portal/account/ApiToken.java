package io.portal.account;

import java.time.Instant;

/**
 * An API token as listed: never its secret.
 *
 * @param id the token's identifier (part of the token, not secret)
 * @param name what it is for
 * @param username the account it acts for
 * @param createdAt when it was created
 * @param lastUsedAt when it was last used, or {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 */
public record ApiToken(String id, String name, String username, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean isRevoked() {
        return this.revokedAt != null;
    }

}
