package dev.latchkey.audit.repository;

import dev.latchkey.audit.chain.AuditRecord;
import dev.latchkey.audit.service.AuditFilter;
import dev.latchkey.audit.service.Position;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads of the trail for people: filtered, in (occurred_at, seq) order, keyset-paginated. */
@ApplicationScoped
public class AuditQueryRepository {

    /** Newest first, strictly before {@code before} when given. */
    public Uni<List<AuditRecord>> newestFirst(SqlClient client, AuditFilter filter, Position before, int limit) {
        return page(client, filter, before, limit, true);
    }

    /** Oldest first, strictly after {@code after} when given (exports). */
    public Uni<List<AuditRecord>> oldestFirst(SqlClient client, AuditFilter filter, Position after, int limit) {
        return page(client, filter, after, limit, false);
    }

    private Uni<List<AuditRecord>> page(SqlClient client, AuditFilter f, Position position, int limit, boolean desc) {
        StringBuilder sql = new StringBuilder("SELECT ").append(AuditRecordRepository.COLUMNS)
                .append(" FROM audit_record WHERE tenant = $1");
        Tuple params = Tuple.of(f.tenant());
        if (f.actorId() != null) {
            params.addValue(f.actorId());
            sql.append(" AND actor_id = $").append(params.size());
        }
        if (f.actorType() != null) {
            params.addValue(f.actorType());
            sql.append(" AND actor_type = $").append(params.size());
        }
        if (f.targetId() != null) {
            params.addValue(f.targetId());
            sql.append(" AND target_id = $").append(params.size());
        }
        if (f.targetType() != null) {
            params.addValue(f.targetType());
            sql.append(" AND target_type = $").append(params.size());
        }
        if (f.actionPrefix() != null) {
            params.addValue(likePrefix(f.actionPrefix()));
            sql.append(" AND type LIKE $").append(params.size()).append(" ESCAPE '\\'");
        }
        if (f.from() != null) {
            params.addValue(AuditRecordRepository.utc(f.from()));
            sql.append(" AND occurred_at >= $").append(params.size());
        }
        if (f.to() != null) {
            params.addValue(AuditRecordRepository.utc(f.to()));
            sql.append(" AND occurred_at < $").append(params.size());
        }
        if (position != null) {
            params.addValue(AuditRecordRepository.utc(position.occurredAt()));
            params.addValue(position.seq());
            sql.append(" AND (occurred_at, seq) ").append(desc ? "<" : ">")
                    .append(" ($").append(params.size() - 1).append(", $").append(params.size()).append(')');
        }
        String dir = desc ? " DESC" : "";
        params.addValue(limit);
        sql.append(" ORDER BY occurred_at").append(dir).append(", seq").append(dir).append(" LIMIT $").append(params.size());
        return client.preparedQuery(sql.toString()).execute(params).map(AuditRecordRepository::records);
    }

    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
