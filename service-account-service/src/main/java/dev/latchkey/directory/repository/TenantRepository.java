package dev.latchkey.directory.repository;

import dev.latchkey.directory.service.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tenants (platform level: the only table not filtered by a caller's tenant). */
@ApplicationScoped
public class TenantRepository {
    private static final String COLUMNS = "service_id, name, status, oauth_applications_limit, created_at, updated_at";

    /** {@code false} when the service ID already exists. */
    public Uni<Boolean> insert(SqlClient tx, Tenant t) {
        return tx.preparedQuery("INSERT INTO tenants (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6) "
                        + "ON CONFLICT (service_id) DO NOTHING")
                .execute(Tuple.from(new Object[]{t.serviceId(), t.name(), t.status(), t.oauthApplicationsLimit(),
                        Times.sql(t.createdAt()), Times.sql(t.updatedAt())}))
                .map(rs -> rs.rowCount() == 1);
    }

    public Uni<Void> update(SqlClient tx, Tenant t) {
        return tx.preparedQuery("UPDATE tenants SET name = $2, status = $3, oauth_applications_limit = $4, "
                        + "updated_at = $5 WHERE service_id = $1")
                .execute(Tuple.of(t.serviceId(), t.name(), t.status(), t.oauthApplicationsLimit(),
                        Times.sql(t.updatedAt())))
                .replaceWithVoid();
    }

    public Uni<Optional<Tenant>> find(SqlClient client, String serviceId, boolean forUpdate) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM tenants WHERE service_id = $1"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(serviceId))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    public Uni<List<Tenant>> page(SqlClient client, PageCursor after, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM tenants"
                + (after == null ? "" : " WHERE (created_at, service_id) > ($2, $3)")
                + " ORDER BY created_at, service_id LIMIT $1";
        Tuple args = after == null ? Tuple.of(limit) : Tuple.of(limit, Times.sql(after.createdAt()), after.id());
        return client.preparedQuery(sql).execute(args).map(rs -> {
            List<Tenant> out = new ArrayList<>();
            rs.forEach(r -> out.add(map(r)));
            return out;
        });
    }

    private static Tenant map(Row r) {
        return new Tenant(r.getString("service_id"), r.getString("name"), r.getString("status"),
                r.getInteger("oauth_applications_limit"), Times.instant(r.getOffsetDateTime("created_at")),
                Times.instant(r.getOffsetDateTime("updated_at")));
    }
}
