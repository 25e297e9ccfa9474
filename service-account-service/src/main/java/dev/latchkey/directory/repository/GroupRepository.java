package dev.latchkey.directory.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.directory.repository.MemberRepository.Criterion;
import dev.latchkey.directory.service.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SCIM groups of a tenant with their members (deleted members are left out of every read). */
@ApplicationScoped
public class GroupRepository {
    /** Criterion column for "has this member" ({@code members.value eq "…"}). */
    public static final String MEMBER = "member";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            SELECT g.tenant, g.id, g.display_name, g.external_id, g.version, g.created_at, g.updated_at,
                   COALESCE((SELECT json_agg(json_build_object('id', m.id,
                                 'display', COALESCE(NULLIF(m.display_name, ''), m.user_name))
                                 ORDER BY m.created_at, m.id)
                             FROM group_members gm JOIN members m ON m.tenant = gm.tenant AND m.id = gm.member_id
                             WHERE gm.tenant = g.tenant AND gm.group_id = g.id AND m.status <> 'deleted'),
                            '[]'::json)::text AS members
            FROM groups g""";

    public Uni<Void> insert(SqlClient tx, Group g) {
        return tx.preparedQuery("INSERT INTO groups (tenant, id, display_name, external_id, version, created_at, "
                        + "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[]{g.tenant(), g.id(), g.displayName(), g.externalId(), g.version(),
                        Times.sql(g.createdAt()), Times.sql(g.updatedAt())}))
                .chain(() -> replaceMembers(tx, g));
    }

    public Uni<Void> update(SqlClient tx, Group g) {
        return tx.preparedQuery("UPDATE groups SET display_name = $3, external_id = $4, version = $5, updated_at = $6 "
                        + "WHERE tenant = $1 AND id = $2")
                .execute(Tuple.from(new Object[]{g.tenant(), g.id(), g.displayName(), g.externalId(), g.version(),
                        Times.sql(g.updatedAt())}))
                .chain(() -> replaceMembers(tx, g));
    }

    public Uni<Boolean> delete(SqlClient tx, String tenant, String id) {
        return tx.preparedQuery("DELETE FROM groups WHERE tenant = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rs -> rs.rowCount() == 1);
    }

    private Uni<Void> replaceMembers(SqlClient tx, Group g) {
        return tx.preparedQuery("DELETE FROM group_members WHERE tenant = $1 AND group_id = $2")
                .execute(Tuple.of(g.tenant(), g.id()))
                .chain(() -> g.members().isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                                INSERT INTO group_members (tenant, group_id, member_id)
                                SELECT DISTINCT $1, $2, m FROM unnest($3::text[]) AS t(m)""")
                        .execute(Tuple.of(g.tenant(), g.id(), g.memberIds().toArray(String[]::new)))
                        .replaceWithVoid());
    }

    public Uni<Optional<Group>> find(SqlClient client, String tenant, String id, boolean forUpdate) {
        return client.preparedQuery(SELECT + " WHERE g.tenant = $1 AND g.id = $2" + (forUpdate ? " FOR UPDATE OF g" : ""))
                .execute(Tuple.of(tenant, id))
                .map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(map(rs.iterator().next())));
    }

    public Uni<Boolean> displayNameTaken(SqlClient client, String tenant, String displayName, String exceptId) {
        return client.preparedQuery("SELECT 1 FROM groups WHERE tenant = $1 AND lower(display_name) = lower($2) "
                        + "AND id <> $3")
                .execute(Tuple.of(tenant, displayName, exceptId == null ? "" : exceptId)).map(rs -> rs.size() > 0);
    }

    /** SCIM list: 1-based {@code startIndex} as an offset, {@code count} rows, all criteria (AND). */
    public Uni<List<Group>> search(SqlClient client, String tenant, List<Criterion> criteria, int offset, int count) {
        Tuple args = Tuple.of(tenant);
        String where = where(criteria, args);
        args.addInteger(count).addInteger(offset);
        int n = args.size();
        return client.preparedQuery(SELECT + " WHERE " + where + " ORDER BY g.created_at, g.id LIMIT $" + (n - 1)
                        + " OFFSET $" + n)
                .execute(args).map(GroupRepository::list);
    }

    public Uni<Long> count(SqlClient client, String tenant, List<Criterion> criteria) {
        Tuple args = Tuple.of(tenant);
        String where = where(criteria, args);
        return client.preparedQuery("SELECT count(*) FROM groups g WHERE " + where).execute(args)
                .map(rs -> rs.iterator().next().getLong(0));
    }

    private static String where(List<Criterion> criteria, Tuple args) {
        StringBuilder sql = new StringBuilder("g.tenant = $1");
        for (Criterion c : criteria) {
            args.addValue(c.value());
            String p = "$" + args.size();
            // columns come from the fixed allow-list of the SCIM group filter, never from the request
            if (MEMBER.equals(c.column())) {
                sql.append(" AND EXISTS (SELECT 1 FROM group_members gm JOIN members m ON m.tenant = gm.tenant ")
                        .append("AND m.id = gm.member_id AND m.status <> 'deleted' WHERE gm.tenant = g.tenant ")
                        .append("AND gm.group_id = g.id AND gm.member_id = ").append(p).append(")");
            } else {
                sql.append(" AND ").append(c.caseInsensitive() ? "lower(g." + c.column() + ") = lower(" + p + ")"
                        : "g." + c.column() + " = " + p);
            }
        }
        return sql.toString();
    }

    private static List<Group> list(RowSet<Row> rs) {
        List<Group> out = new ArrayList<>();
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    private static Group map(Row r) {
        List<Group.GroupMember> members = new ArrayList<>();
        try {
            for (JsonNode m : JSON.readTree(r.getString("members"))) {
                members.add(new Group.GroupMember(m.path("id").asText(), m.path("display").asText(null)));
            }
        } catch (Exception e) {
            throw new IllegalStateException("unreadable group members", e);
        }
        return new Group(r.getString("tenant"), r.getString("id"), r.getString("display_name"),
                r.getString("external_id"), List.copyOf(members), r.getInteger("version"),
                Times.instant(r.getOffsetDateTime("created_at")), Times.instant(r.getOffsetDateTime("updated_at")));
    }
}
