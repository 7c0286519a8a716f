package io.portal.audit;

import java.time.Instant;

/**
 * One recorded change.
 *
 * @param id sequence number
 * @param at when
 * @param actor who: a user name or {@code token:<name>}
 * @param action what, such as {@code binding.create}
 * @param target the object changed, such as {@code binding:extra}
 * @param before its state before, as JSON, or {@code null}
 * @param after its state after, as JSON, or {@code null}
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String before, String after) {
}
