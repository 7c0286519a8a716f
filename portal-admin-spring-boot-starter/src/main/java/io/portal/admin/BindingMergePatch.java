package io.portal.admin;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396), as {@code PATCH /api/bindings/{name}} applies it: the
 * members a patch names replace the target's, {@code null} removes a member, objects are
 * merged member by member (so {@code {"sni": {"old.example.com": null}}} removes one host
 * name and keeps the others), anything else replaces the whole value.
 */
final class BindingMergePatch {

    /**
     * The media type of a merge patch.
     */
    static final String MEDIA_TYPE = "application/merge-patch+json";

    private BindingMergePatch() {
    }

    /**
     * Apply a merge patch (RFC 7396, section 2).
     * @param target the document to patch, {@code null} for none; not changed
     * @param patch the patch
     * @return the patched document
     */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = (target != null && target.isObject()) ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            }
            else {
                result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

}
