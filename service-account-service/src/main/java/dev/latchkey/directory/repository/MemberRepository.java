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

/** Members of a tenant. Deleted members are kept (status {@code deleted}) but no read below returns them. */
@ApplicationScoped
public class MemberRepository {
    private static final String COLUMNS = "tenant, id, user_name, email, display_name, given_name, family_name, "
            + "external_id, role, status, version, created_at, updated_at";

    /** A SCIM-style filter reduced to SQL: column = value (case-insensitive where SCIM says so). */
    public record Criterion(String column, Object value, boolean caseInsensitive) {
    }

    public Uni<Void> insert(SqlClient tx, Member m) {
        return tx.preparedQuery("INSERT INTO members (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                        + "$10, $11, $12, $13)")
                .execute(Tuple.from(new Object[]{m.tenant(), m.id(), m.userName(), m.email(), m.displayName(),
                        m.givenName(), m.familyName(), m.externalId(), m.role(), m.status(), m.version(),
                        Times.sql(m.createdAt()), Times.sql(m.updatedAt())}))
                .replaceWithVoid();
    }

    public Uni<Void> update(SqlClient tx, Member m) {
        return tx.preparedQuery("UPDATE members SET user_name = $3, email = $4, display_name = $5, given_name = $6, "
                        + "family_name = $7, external_id = $8, role = $9, status = $10, version = $11, updated_at = $12 "
                        + "WHERE tenant = $1 AND id = $2")
                .execute(Tuple.from(new Object[]{m.tenant(), m.id(), m.userName(), m.email(), m.displayName(),
                        m.givenName(), m.familyName(), m.externalId(), m.role(), m.status(), m.version(),
                        Times.sql(m.updatedAt())}))
                .replaceWithVoid();
    }

    /** A member who is not deleted. */
    public Uni<Optional<Member>> find(SqlClient client, String tenant, String id, boolean forUpdate) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM members WHERE tenant = $1 AND id = $2 "
                        + "AND status <> 'deleted'" + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(tenant, id))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    /** Any row with this id, deleted or not (ids are never reused). */
    public Uni<Boolean> exists(SqlClient client, String tenant, String id) {
        return client.preparedQuery("SELECT 1 FROM members WHERE tenant = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).map(rs -> rs.size() > 0);
    }

    /**
     * The member with this userName (case-insensitive): the live one, else the most recently deleted one (so a
     * deleted person's upstream token is refused rather than taken for someone never provisioned).
     */
    public Uni<Optional<Member>> findByUserName(SqlClient client, String tenant, String userName) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM members WHERE tenant = $1 AND lower(user_name) = "
                        + "lower($2) ORDER BY (status = 'deleted'), updated_at DESC LIMIT 1")
                .execute(Tuple.of(tenant, userName))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    public Uni<Boolean> userNameTaken(SqlClient client, String tenant, String userName, String exceptId) {
        return client.preparedQuery("SELECT 1 FROM members WHERE tenant = $1 AND lower(user_name) = lower($2) "
                        + "AND status <> 'deleted' AND id <> $3")
                .execute(Tuple.of(tenant, userName, exceptId == null ? "" : exceptId)).map(rs -> rs.size() > 0);
    }

    public Uni<Long> countActiveGlobalAdmins(SqlClient client, String tenant) {
        return client.preparedQuery("SELECT count(*) FROM members WHERE tenant = $1 AND role = 'global_admin' "
                        + "AND status = 'active'")
                .execute(Tuple.of(tenant)).map(rs -> rs.iterator().next().getLong(0));
    }

    /** Of these ids, the ones that are members of the tenant and not deleted. */
    public Uni<List<String>> existing(SqlClient client, String tenant, List<String> ids) {
        return client.preparedQuery("SELECT id FROM members WHERE tenant = $1 AND id = ANY($2) AND status <> 'deleted'")
                .execute(Tuple.of(tenant, ids.toArray(String[]::new))).map(rs -> {
                    List<String> out = new ArrayList<>();
                    rs.forEach(r -> out.add(r.getString(0)));
                    return out;
                });
    }

    public Uni<List<Member>> page(SqlClient client, String tenant, PageCursor after, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM members WHERE tenant = $1 AND status <> 'deleted'"
                + (after == null ? "" : " AND (created_at, id) > ($3, $4)")
                + " ORDER BY created_at, id LIMIT $2";
        Tuple args = after == null ? Tuple.of(tenant, limit)
                : Tuple.of(tenant, limit, Times.sql(after.createdAt()), after.id());
        return client.preparedQuery(sql).execute(args).map(MemberRepository::list);
    }

    /** SCIM list: 1-based {@code startIndex}, {@code count} rows, filtered by all criteria (AND). */
    public Uni<List<Member>> search(SqlClient client, String tenant, List<Criterion> criteria, int offset, int count) {
        Tuple args = Tuple.of(tenant);
        String where = where(criteria, args);
        args.addInteger(count).addInteger(offset);
        int n = args.size();
        return client.preparedQuery("SELECT " + COLUMNS + " FROM members WHERE " + where
                        + " ORDER BY created_at, id LIMIT $" + (n - 1) + " OFFSET $" + n)
                .execute(args).map(MemberRepository::list);
    }

    public Uni<Long> count(SqlClient client, String tenant, List<Criterion> criteria) {
        Tuple args = Tuple.of(tenant);
        String where = where(criteria, args);
        return client.preparedQuery("SELECT count(*) FROM members WHERE " + where).execute(args)
                .map(rs -> rs.iterator().next().getLong(0));
    }

    private static String where(List<Criterion> criteria, Tuple args) {
        StringBuilder sql = new StringBuilder("tenant = $1 AND status <> 'deleted'");
        for (Criterion c : criteria) {
            args.addValue(c.value());
            String p = "$" + args.size();
            // column names come from a fixed allow-list in the SCIM filter, never from the request
            sql.append(" AND ").append(c.caseInsensitive() ? "lower(" + c.column() + ") = lower(" + p + ")"
                    : c.column() + " = " + p);
        }
        return sql.toString();
    }

    private static List<Member> list(io.vertx.mutiny.sqlclient.RowSet<Row> rs) {
        List<Member> out = new ArrayList<>();
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    private static Member map(Row r) {
        return new Member(r.getString("tenant"), r.getString("id"), r.getString("user_name"), r.getString("email"),
                r.getString("display_name"), r.getString("given_name"), r.getString("family_name"),
                r.getString("external_id"), r.getString("role"), r.getString("status"), r.getInteger("version"),
                Times.instant(r.getOffsetDateTime("created_at")), Times.instant(r.getOffsetDateTime("updated_at")));
    }
}
