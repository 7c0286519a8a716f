package io.portal.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.springframework.http.ETag;

/**
 * Entity tags for optimistic concurrency: a tag is a hash of the resource's stored
 * settings, so it changes exactly when someone changes them. {@code If-Match} is compared
 * strongly, as RFC 9110 requires: a weak tag ({@code W/"..."}) never matches.
 */
final class ETags {

    private ETags() {
    }

    /**
     * The strong tag of a representation.
     * @param representation the resource's state, such as its JSON
     * @return the quoted tag
     */
    static String of(String representation) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(representation.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Check an {@code If-Match} header against the current tag.
     * @param ifMatch the header, or {@code null} when absent
     * @param current the current tag
     * @param what the resource, for the message
     * @throws PreconditionFailedException if the header names no current version
     */
    static void check(String ifMatch, String current, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        ETag currentTag = ETag.create(current);
        List<ETag> requested = ETag.parse(ifMatch);
        for (ETag tag : requested) {
            if (tag.isWildcard() || tag.compare(currentTag, true)) {
                return;
            }
        }
        boolean weak = requested.stream().anyMatch(ETag::weak);
        throw new PreconditionFailedException(what + (weak
                ? " cannot be matched against a weak ETag: If-Match compares strongly. Send the ETag as the portal gave it, "
                        + "without W/ (it is now " + current + ")."
                : " was changed by someone else since you read it (it is now " + current + ")."));
    }

    /**
     * {@code If-Match} named a version that is no longer current.
     */
    static class PreconditionFailedException extends RuntimeException {

        PreconditionFailedException(String message) {
            super(message);
        }

    }

}
