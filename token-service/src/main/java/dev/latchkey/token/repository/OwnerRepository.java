package dev.latchkey.token.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The projections of members and service accounts (from {@code latchkey.directory.events}). */
@ApplicationScoped
public class OwnerRepository {

    public Uni<Owner> find(SqlClient c, String tenant, String type, String id) {
        return Token.OWNER_SERVICE_ACCOUNT.equals(type) ? findServiceAccount(c, tenant, id, false)
                : findMember(c, tenant, id, false);
    }

    public Uni<Owner> findMember(SqlClient c, String tenant, String id, boolean forUpdate) {
        return c.preparedQuery("SELECT tenant, id, role, status, email, display_name FROM member WHERE tenant = $1 AND id = $2"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(tenant, id))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Owner(r.getString("tenant"), Token.OWNER_MEMBER, r.getString("id"), r.getString("role"),
                            r.getString("status"), r.getString("display_name"), r.getString("email"), List.of());
                });
    }

    public Uni<Owner> findServiceAccount(SqlClient c, String tenant, String id, boolean forUpdate) {
        return c.preparedQuery("SELECT tenant, id, name, status, managers FROM service_account WHERE tenant = $1 AND id = $2"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(tenant, id))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new Owner(r.getString("tenant"), Token.OWNER_SERVICE_ACCOUNT, r.getString("id"), null,
                            r.getString("status"), r.getString("name"), null,
                            TokenRepository.list(r.getArrayOfStrings("managers")));
                });
    }

    public Uni<Void> upsertMember(SqlClient c, String tenant, String id, String role, String status, String userName,
                                  String email, String displayName) {
        return c.preparedQuery("""
                        INSERT INTO member (tenant, id, role, status, user_name, email, display_name, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, now())
                        ON CONFLICT (tenant, id) DO UPDATE SET role = EXCLUDED.role, status = EXCLUDED.status,
                            user_name = COALESCE(EXCLUDED.user_name, member.user_name), email = EXCLUDED.email,
                            display_name = EXCLUDED.display_name, updated_at = now()""")
                .execute(Tuple.from(new Object[]{tenant, id, role, status, userName, email, displayName}))
                .replaceWithVoid();
    }

    /**
     * The member a person's upstream token names (userName, case-insensitive): a live one first, else the latest
     * deleted one. {@code null} when the projection knows no such member.
     */
    public Uni<Owner> findMemberByUserName(SqlClient c, String tenant, String userName) {
        return c.preparedQuery("SELECT id FROM member WHERE tenant = $1 AND lower(user_name) = lower($2) "
                        + "ORDER BY (status = 'deleted'), updated_at DESC LIMIT 1")
                .execute(Tuple.of(tenant, userName))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().nullItem()
                        : findMember(c, tenant, rows.iterator().next().getString("id"), false));
    }

    public Uni<Boolean> isTenantSuspended(SqlClient c, String tenant) {
        return c.preparedQuery("SELECT 1 FROM suspended_tenant WHERE tenant = $1").execute(Tuple.of(tenant))
                .map(rows -> rows.size() > 0);
    }

    /** Inserts a member only if the projection does not know it yet (bootstrap). */
    public Uni<Boolean> insertMemberIfAbsent(SqlClient c, String tenant, String id, String role, String status) {
        return c.preparedQuery("INSERT INTO member (tenant, id, role, status) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenant, id, role, status)).map(rows -> rows.rowCount() == 1);
    }

    /** Marks {@code tenant} suspended (or not); every token of a suspended tenant introspects inactive. */
    public Uni<Void> setTenantSuspended(SqlClient c, String tenant, boolean suspended, java.time.Instant at) {
        return (suspended
                ? c.preparedQuery("INSERT INTO suspended_tenant (tenant, suspended_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(tenant, at.atOffset(java.time.ZoneOffset.UTC)))
                : c.preparedQuery("DELETE FROM suspended_tenant WHERE tenant = $1").execute(Tuple.of(tenant)))
                .replaceWithVoid();
    }

    public Uni<Void> upsertServiceAccount(SqlClient c, String tenant, String id, String name, String status,
                                          List<String> managers) {
        return c.preparedQuery("""
                        INSERT INTO service_account (tenant, id, name, status, managers, updated_at)
                        VALUES ($1, $2, $3, $4, $5, now())
                        ON CONFLICT (tenant, id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status,
                            managers = EXCLUDED.managers, updated_at = now()""")
                .execute(Tuple.from(new Object[]{tenant, id, name, status, managers.toArray(String[]::new)}))
                .replaceWithVoid();
    }
}
