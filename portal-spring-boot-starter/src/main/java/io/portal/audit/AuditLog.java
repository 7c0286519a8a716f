package io.portal.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records changes in the state store and lists them, newest first. Callers pass states
 * that hold no secrets (summaries, fingerprints, settings), never key material.
 * <p>
 * An entry is written in the transaction of the change it records (see
 * {@code store.ChangeTransaction}): if it cannot be written, the change is not made.
 */
public class AuditLog {

    /**
     * The longest actor the log keeps (the column's size); longer ones are shortened.
     */
    static final int MAX_ACTOR = 100;

    /**
     * The longest target the log keeps (the column's size); longer ones are shortened.
     */
    static final int MAX_TARGET = 200;

    private final JdbcClient jdbc;

    private final Clock clock;

    private final JsonMapper json;

    public AuditLog(JdbcClient jdbc, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Record a change whose states are already JSON text.
     * @param actor who
     * @param action what, such as {@code binding.create}
     * @param target the object changed, such as {@code binding:extra}
     * @param before its state before, as JSON, or {@code null}
     * @param after its state after, as JSON, or {@code null}
     */
    public void record(String actor, String action, String target, String before, String after) {
        this.jdbc.sql("insert into audit_event (at, actor, action, target, before_state, after_state) values (?, ?, ?, ?, ?, ?)")
            .params(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC), bounded(actor, MAX_ACTOR), action,
                    bounded(target, MAX_TARGET), before, after)
            .update();
    }

    /**
     * Record a change, its states written as JSON by the application's mapper.
     * @param actor who
     * @param action what
     * @param target the object changed
     * @param before its state before (records, maps, lists), or {@code null}
     * @param after its state after, or {@code null}
     */
    public void record(String actor, String action, String target, Object before, Object after) {
        record(actor, action, target, toJson(before), toJson(after));
    }

    private String toJson(Object state) {
        return (state != null) ? this.json.writeValueAsString(state) : null;
    }

    /**
     * A value shortened to the column's size, keeping its start; the audit entry must
     * not fail (and with it the change) because a name is long.
     */
    static String bounded(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }

    /**
     * The most recent entries.
     * @param limit how many at most
     * @return entries, newest first
     */
    public List<AuditEntry> recent(int limit) {
        return this.jdbc.sql("select * from audit_event order by id desc fetch first ? rows only")
            .param(limit)
            .query((rs, row) -> new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                    rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("before_state"),
                    rs.getString("after_state")))
            .list();
    }

}
