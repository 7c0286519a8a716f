package io.portal.binding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link BindingStore} in the relational state store.
 */
public class JdbcBindingStore implements BindingStore {

    private static final Log logger = LogFactory.getLog(JdbcBindingStore.class);

    private final JdbcClient jdbc;

    private final JsonMapper json;

    public JdbcBindingStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<Binding> findAll() {
        return findAllStored().stream().map(Stored::binding).toList();
    }

    @Override
    public Optional<Binding> find(String name) {
        return this.jdbc.sql("select * from runtime_binding where name = ?").param(name).query(this::map).optional()
            .map(Stored::binding);
    }

    @Override
    public List<Stored> findAllStored() {
        return this.jdbc.sql("select * from runtime_binding order by name").query(this::map).list();
    }

    @Override
    public void insert(Binding binding, String actor, Instant now) {
        OffsetDateTime at = utc(now);
        this.jdbc.sql("""
                insert into runtime_binding (name, scheme, address, port, ssl_bundle, sni, protocols, ciphers, redirect_to,
                created_at, updated_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(binding.name(), binding.scheme().id(), binding.address(), binding.port(), binding.sslBundle(),
                    encode(binding.sni()), String.join(",", binding.protocols()), String.join(",", binding.ciphers()),
                    binding.redirectTo(), at, at, actor)
            .update();
    }

    @Override
    public void update(Binding binding, String actor, Instant now) {
        int rows = this.jdbc.sql("""
                update runtime_binding set scheme = ?, address = ?, port = ?, ssl_bundle = ?, sni = ?, protocols = ?,
                ciphers = ?, redirect_to = ?, updated_at = ?, updated_by = ? where name = ?""")
            .params(binding.scheme().id(), binding.address(), binding.port(), binding.sslBundle(), encode(binding.sni()),
                    String.join(",", binding.protocols()), String.join(",", binding.ciphers()), binding.redirectTo(), utc(now),
                    actor, binding.name())
            .update();
        if (rows != 1) {
            throw new IllegalStateException("No stored binding '" + binding.name() + "' to update");
        }
    }

    @Override
    public void delete(String name) {
        this.jdbc.sql("delete from runtime_binding where name = ?").param(name).update();
    }

    @Override
    public Map<String, BindingOverride> findOverrides() {
        Map<String, Map<BindingField, BindingOverride.Change>> fields = new TreeMap<>();
        this.jdbc.sql("select name, field, field_value, changed_by, changed_at from binding_override").query((rs) -> {
            String name = rs.getString("name");
            String field = rs.getString("field");
            BindingField known = BindingField.of(field).orElse(null);
            if (known == null) {
                logger.warn("Ignoring the stored override of unknown field '" + field + "' of binding '" + name + "'");
                return;
            }
            try {
                Object value = (rs.getString("field_value") != null) ? this.json.readValue(rs.getString("field_value"), Object.class)
                        : null;
                fields.computeIfAbsent(name, (n) -> new EnumMap<>(BindingField.class)).put(known,
                        new BindingOverride.Change(value, rs.getString("changed_by"),
                                rs.getObject("changed_at", OffsetDateTime.class).toInstant()));
            }
            catch (JacksonException ex) {
                logger.warn("Ignoring the unreadable stored override of " + field + " of binding '" + name + "'");
            }
        });
        Map<String, BindingOverride> overrides = new LinkedHashMap<>();
        fields.forEach((name, changes) -> overrides.put(name, new BindingOverride(name, changes)));
        return overrides;
    }

    @Override
    public void saveOverride(BindingOverride override) {
        this.jdbc.sql("delete from binding_override where name = ?").param(override.name()).update();
        override.fields().forEach((field, change) -> this.jdbc
            .sql("insert into binding_override (name, field, field_value, changed_by, changed_at) values (?, ?, ?, ?, ?)")
            .params(override.name(), field.field(), (change.value() != null) ? this.json.writeValueAsString(change.value()) : null,
                    change.changedBy(), utc(change.changedAt()))
            .update());
    }

    private Stored map(ResultSet rs, int row) throws SQLException {
        Binding binding = new Binding(rs.getString("name"), Scheme.valueOf(rs.getString("scheme").toUpperCase()),
                rs.getString("address"), rs.getInt("port"), rs.getString("ssl_bundle"), decode(rs.getString("sni")),
                list(rs.getString("protocols")), list(rs.getString("ciphers")), rs.getString("redirect_to"), Binding.Source.RUNTIME);
        return new Stored(binding, rs.getString("created_by"), instant(rs, "created_at"), rs.getString("updated_by"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return (value != null) ? value.toInstant() : null;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String encode(Map<String, String> sni) {
        return sni.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    private static Map<String, String> decode(String text) {
        Map<String, String> sni = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String line : text.split("\n")) {
                int equals = line.indexOf('=');
                sni.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return sni;
    }

    private static List<String> list(String text) {
        return (text == null || text.isBlank()) ? List.of() : Arrays.asList(text.split(","));
    }

}
