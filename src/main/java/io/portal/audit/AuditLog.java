package io.portal.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records changes in the state store and lists them, newest first. Callers pass states
 * that hold no secrets (summaries, fingerprints, settings), never key material.
 */
public class AuditLog {

    private final JdbcClient jdbc;

    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, String before, String after) {
        this.jdbc.sql("insert into audit_event (at, actor, action, target, before_state, after_state) values (?, ?, ?, ?, ?, ?)")
            .params(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC), actor, action, target, before, after)
            .update();
    }

    /**
     * The most recent entries.
     * @param limit how many at most
     * @return entries, newest first
     */
    public List<AuditEntry> recent(int limit) {
        return this.jdbc.sql("select * from audit_event order by id desc")
            .query((rs, row) -> new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                    rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("before_state"),
                    rs.getString("after_state")))
            .list()
            .stream()
            .limit(limit)
            .toList();
    }

}
