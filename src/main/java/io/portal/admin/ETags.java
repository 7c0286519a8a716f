package io.portal.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Entity tags for optimistic concurrency: a tag is a hash of the resource's stored
 * settings, so it changes exactly when someone changes them.
 */
final class ETags {

    private ETags() {
    }

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
     * @throws PreconditionFailedException if the header names another version
     */
    static void check(String ifMatch, String current, String what) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(current)) {
                return;
            }
        }
        throw new PreconditionFailedException(what + " was changed by someone else since you read it (it is now " + current + ").");
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
