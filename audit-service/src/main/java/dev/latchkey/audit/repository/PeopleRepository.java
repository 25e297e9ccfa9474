package dev.latchkey.audit.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.verifier.MemberLookup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Members (userName, role, status) and tenant status as the directory events last described them: what a person's
 * upstream bearer token is mapped against (libs/token-verifier).
 */
@ApplicationScoped
public class PeopleRepository {
    private static final String MEMBER_EVENTS = "latchkey.directory.member.";
    private static final String TENANT_EVENTS = "latchkey.directory.tenant.";

    /** Applies one directory event (its data carries the aggregate's full state); other events change nothing. */
    public Uni<Void> apply(SqlClient tx, String tenant, String type, ObjectNode data) {
        if (type.startsWith(MEMBER_EVENTS)) {
            JsonNode m = data.path("member");
            String id = text(m, "id");
            if (id == null) {
                return Uni.createFrom().voidItem();
            }
            String status = type.contains(".deleted.") ? "deleted" : m.path("status").asText("active");
            return tx.preparedQuery("""
                            INSERT INTO audit_member (tenant, id, user_name, role, status) VALUES ($1, $2, $3, $4, $5)
                            ON CONFLICT (tenant, id) DO UPDATE SET user_name = COALESCE($3, audit_member.user_name),
                              role = $4, status = $5""")
                    .execute(Tuple.of(tenant, id, text(m, "userName"), m.path("role").asText("member"), status))
                    .replaceWithVoid();
        }
        if (type.startsWith(TENANT_EVENTS)) {
            JsonNode t = data.path("tenantInfo");
            String status = text(t, "status");
            if (status == null) {
                return Uni.createFrom().voidItem();
            }
            String serviceId = text(t, "serviceId");
            return tx.preparedQuery("""
                            INSERT INTO audit_tenant_status (tenant, status) VALUES ($1, $2)
                            ON CONFLICT (tenant) DO UPDATE SET status = $2""")
                    .execute(Tuple.of(serviceId == null ? tenant : serviceId, status)).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    /** The member a person's token names (a live one before a deleted one), or the tenant being suspended. */
    public Uni<MemberLookup> find(SqlClient client, String tenant, String userName) {
        return client.preparedQuery("""
                        SELECT m.id, m.role, m.status, (SELECT s.status FROM audit_tenant_status s WHERE s.tenant = $1)
                        FROM (SELECT 1) one
                        LEFT JOIN LATERAL (SELECT id, role, status FROM audit_member
                                           WHERE tenant = $1 AND lower(user_name) = lower($2)
                                           ORDER BY (status = 'deleted') LIMIT 1) m ON true""")
                .execute(Tuple.of(tenant, userName))
                .map(rows -> {
                    var r = rows.iterator().next();
                    if ("suspended".equals(r.getString(3))) {
                        return MemberLookup.tenantUnavailable();
                    }
                    return r.getString(0) == null ? MemberLookup.notProvisioned()
                            : MemberLookup.ofStatus(r.getString(0), r.getString(1), r.getString(2));
                });
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
