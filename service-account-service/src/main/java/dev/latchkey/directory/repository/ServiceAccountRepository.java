package dev.latchkey.directory.repository;

import dev.latchkey.directory.service.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Service accounts of a tenant with their managers. Deleted ones are kept but no read below returns them. */
@ApplicationScoped
public class ServiceAccountRepository {
    private static final String SELECT = """
            SELECT s.tenant, s.id, s.name, s.description, s.status, s.created_at, s.updated_at,
                   COALESCE((SELECT array_agg(m.member_id ORDER BY m.position) FROM service_account_managers m
                             WHERE m.tenant = s.tenant AND m.service_account_id = s.id), '{}') AS managers
            FROM service_accounts s""";

    /** A service account with what the "Service Accounts" tab shows of its tokens. */
    public record Listed(ServiceAccount account, long tokenCount, Instant lastUsedAt) {
    }

    public Uni<Void> insert(SqlClient tx, ServiceAccount a) {
        return tx.preparedQuery("INSERT INTO service_accounts (tenant, id, name, description, status, created_at, "
                        + "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[]{a.tenant(), a.id(), a.name(), a.description(), a.status(),
                        Times.sql(a.createdAt()), Times.sql(a.updatedAt())}))
                .chain(() -> replaceManagers(tx, a));
    }

    public Uni<Void> update(SqlClient tx, ServiceAccount a) {
        return tx.preparedQuery("UPDATE service_accounts SET name = $3, description = $4, status = $5, updated_at = $6 "
                        + "WHERE tenant = $1 AND id = $2")
                .execute(Tuple.of(a.tenant(), a.id(), a.name(), a.description(), a.status(), Times.sql(a.updatedAt())))
                .chain(() -> replaceManagers(tx, a));
    }

    private Uni<Void> replaceManagers(SqlClient tx, ServiceAccount a) {
        return tx.preparedQuery("DELETE FROM service_account_managers WHERE tenant = $1 AND service_account_id = $2")
                .execute(Tuple.of(a.tenant(), a.id()))
                .chain(() -> a.managers().isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                                INSERT INTO service_account_managers (tenant, service_account_id, member_id, position)
                                SELECT $1, $2, m, p FROM unnest($3::text[]) WITH ORDINALITY AS t(m, p)""")
                        .execute(Tuple.of(a.tenant(), a.id(), a.managers().toArray(String[]::new))).replaceWithVoid());
    }

    public Uni<Optional<ServiceAccount>> find(SqlClient client, String tenant, String id, boolean forUpdate) {
        return client.preparedQuery(SELECT + " WHERE s.tenant = $1 AND s.id = $2 AND s.status <> 'deleted'"
                        + (forUpdate ? " FOR UPDATE OF s" : ""))
                .execute(Tuple.of(tenant, id))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    public Uni<Boolean> nameTaken(SqlClient client, String tenant, String name, String exceptId) {
        return client.preparedQuery("SELECT 1 FROM service_accounts WHERE tenant = $1 AND lower(name) = lower($2) "
                        + "AND status <> 'deleted' AND id <> $3")
                .execute(Tuple.of(tenant, name, exceptId == null ? "" : exceptId)).map(rs -> rs.size() > 0);
    }

    /** The live service accounts this member manages (locked: their managers list is about to change). */
    public Uni<List<ServiceAccount>> managedBy(SqlClient client, String tenant, String memberId) {
        return client.preparedQuery(SELECT + " WHERE s.tenant = $1 AND s.status <> 'deleted' AND EXISTS (SELECT 1 FROM "
                        + "service_account_managers m WHERE m.tenant = s.tenant AND m.service_account_id = s.id "
                        + "AND m.member_id = $2) FOR UPDATE OF s")
                .execute(Tuple.of(tenant, memberId)).map(rs -> {
                    List<ServiceAccount> out = new ArrayList<>();
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<List<Listed>> page(SqlClient client, String tenant, PageCursor after, Instant now, int limit) {
        String sql = """
                SELECT x.*, (SELECT count(*) FROM owner_tokens t WHERE t.tenant = x.tenant
                               AND t.owner_type = 'service_account' AND t.owner_id = x.id AND t.status = 'active'
                               AND (t.expires_at IS NULL OR t.expires_at > $3)) AS token_count,
                            (SELECT max(t.last_used_at) FROM owner_tokens t WHERE t.tenant = x.tenant
                               AND t.owner_type = 'service_account' AND t.owner_id = x.id) AS last_used_at
                FROM (""" + SELECT + " WHERE s.tenant = $1 AND s.status <> 'deleted'"
                + (after == null ? "" : " AND (s.created_at, s.id) > ($4, $5)")
                + " ORDER BY s.created_at, s.id LIMIT $2) x ORDER BY x.created_at, x.id";
        Tuple args = Tuple.of(tenant, limit, Times.sql(now));
        if (after != null) {
            args.addValue(Times.sql(after.createdAt())).addString(after.id());
        }
        return client.preparedQuery(sql).execute(args).map(rs -> {
            List<Listed> out = new ArrayList<>();
            rs.forEach(r -> out.add(new Listed(map(r), r.getLong("token_count"),
                    Times.instant(r.getOffsetDateTime("last_used_at")))));
            return out;
        });
    }

    private static ServiceAccount map(Row r) {
        Object managers = r.getValue("managers");
        List<String> ids = new ArrayList<>();
        if (managers instanceof String[] array) {
            ids.addAll(List.of(array));
        } else if (managers instanceof Object[] array) {
            for (Object o : array) {
                ids.add(String.valueOf(o));
            }
        }
        return new ServiceAccount(r.getString("tenant"), r.getString("id"), r.getString("name"),
                r.getString("description"), List.copyOf(ids), r.getString("status"),
                Times.instant(r.getOffsetDateTime("created_at")), Times.instant(r.getOffsetDateTime("updated_at")));
    }
}
