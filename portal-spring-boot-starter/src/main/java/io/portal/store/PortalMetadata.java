package io.portal.store;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Small named values the portal keeps about its own store, such as the identifier of the
 * master key that encrypted it.
 */
public class PortalMetadata {

    private final JdbcClient jdbc;

    public PortalMetadata(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> get(String name) {
        return this.jdbc.sql("select meta_value from portal_meta where name = ?").param(name).query(String.class).optional();
    }

    /**
     * Store a value unless one is already present.
     * @param name the name
     * @param value the value
     * @return the value now stored: the given one, or the one that was there first
     */
    public String putIfAbsent(String name, String value) {
        Optional<String> existing = get(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            this.jdbc.sql("insert into portal_meta (name, meta_value) values (?, ?)").params(name, value).update();
            return value;
        }
        catch (org.springframework.dao.DuplicateKeyException ex) {
            return get(name).orElseThrow();
        }
    }

}
