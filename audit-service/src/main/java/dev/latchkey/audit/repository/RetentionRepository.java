package dev.latchkey.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Per-tenant retention settings (tenants without one use the configured default). */
@ApplicationScoped
public class RetentionRepository {

    public record Setting(String tenant, int retentionDays, Instant updatedAt, String updatedBy) {
    }

    public Uni<Setting> find(SqlClient client, String tenant) {
        return client.preparedQuery("SELECT tenant, retention_days, updated_at, updated_by FROM audit_retention"
                        + " WHERE tenant = $1")
                .execute(Tuple.of(tenant))
                .map(rows -> rows.size() == 0 ? null : setting(rows.iterator().next()));
    }

    public Uni<Map<String, Integer>> all(SqlClient client) {
        return client.query("SELECT tenant, retention_days FROM audit_retention").execute()
                .map(rows -> {
                    Map<String, Integer> m = new HashMap<>();
                    rows.forEach(r -> m.put(r.getString(0), r.getInteger(1)));
                    return m;
                });
    }

    public Uni<Setting> save(SqlClient client, String tenant, int days, String by, Instant now) {
        return client.preparedQuery("""
                        INSERT INTO audit_retention (tenant, retention_days, updated_at, updated_by)
                        VALUES ($1, $2, $3, $4)
                        ON CONFLICT (tenant) DO UPDATE SET retention_days = EXCLUDED.retention_days,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                        RETURNING tenant, retention_days, updated_at, updated_by""")
                .execute(Tuple.of(tenant, days, now.atOffset(ZoneOffset.UTC), by))
                .map(rows -> setting(rows.iterator().next()));
    }

    private static Setting setting(Row r) {
        return new Setting(r.getString(0), r.getInteger(1), r.getOffsetDateTime(2).toInstant(), r.getString(3));
    }
}
