package dev.latchkey.oauth.repository;

import dev.latchkey.oauth.model.MemberView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The projection of latchkey.directory.events this service needs: tenants (status, app limit) and members. */
@ApplicationScoped
public class DirectoryRepository {
    private final Pool pool;

    DirectoryRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<MemberView>> member(SqlClient client, String tenant, String memberId) {
        return client.preparedQuery("""
                        SELECT m.tenant, m.id, m.role, m.status, t.status AS tenant_status
                        FROM members m LEFT JOIN tenant_limits t ON t.tenant = m.tenant
                        WHERE m.tenant = $1 AND m.id = $2""")
                .execute(Tuple.of(tenant, memberId))
                .map(DirectoryRepository::first);
    }

    /**
     * The member of {@code tenant} whose userName is {@code userName} (case-insensitive, as SCIM compares it). A
     * deleted member's userName may be reused, so a live member wins over a deleted one.
     */
    public Uni<Optional<MemberView>> memberByUserName(String tenant, String userName) {
        return pool.preparedQuery("""
                        SELECT m.tenant, m.id, m.role, m.status, t.status AS tenant_status
                        FROM members m LEFT JOIN tenant_limits t ON t.tenant = m.tenant
                        WHERE m.tenant = $1 AND lower(m.user_name) = lower($2)
                        ORDER BY (m.status = 'deleted'), m.updated_at DESC LIMIT 1""")
                .execute(Tuple.of(tenant, userName))
                .map(DirectoryRepository::first);
    }

    private static Optional<MemberView> first(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return Optional.empty();
        }
        var r = it.next();
        return Optional.of(new MemberView(r.getString("tenant"), r.getString("id"), r.getString("role"),
                r.getString("status"), r.getString("tenant_status")));
    }

    public Uni<Optional<MemberView>> member(String tenant, String memberId) {
        return member(pool, tenant, memberId);
    }

    /** {@code userName} null (an event without it) keeps the one known. */
    public Uni<Void> upsertMember(SqlClient tx, String tenant, String id, String userName, String role, String status) {
        return tx.preparedQuery("""
                        INSERT INTO members (tenant, id, user_name, role, status, updated_at) VALUES ($1, $2, $3, $4, $5, now())
                        ON CONFLICT (tenant, id) DO UPDATE SET user_name = COALESCE($3, members.user_name), role = $4,
                          status = $5, updated_at = now()""")
                .execute(Tuple.of(tenant, id, userName, role, status)).replaceWithVoid();
    }

    public Uni<Void> upsertTenant(SqlClient tx, String tenant, String status, Integer oauthApplications) {
        return tx.preparedQuery("""
                        INSERT INTO tenant_limits (tenant, status, oauth_applications, updated_at) VALUES ($1, $2, $3, now())
                        ON CONFLICT (tenant) DO UPDATE SET status = $2, oauth_applications = $3, updated_at = now()""")
                .execute(Tuple.of(tenant, status, oauthApplications)).replaceWithVoid();
    }

    /** The tenant's OAuth application limit, if the platform operator set one. */
    public Uni<Optional<Integer>> applicationLimit(SqlClient client, String tenant) {
        return client.preparedQuery("SELECT oauth_applications FROM tenant_limits WHERE tenant = $1")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.ofNullable(it.next().getInteger("oauth_applications")) : Optional.empty();
                });
    }

    /** Serialises registrations of one tenant (for the limit check) until the transaction ends. */
    public Uni<Void> lockTenant(SqlClient tx, String tenant) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('oauth-apps:' || $1))").execute(Tuple.of(tenant))
                .replaceWithVoid();
    }
}
