package dev.latchkey.audit.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.latchkey.audit.chain.AuditRecord;
import dev.latchkey.audit.chain.CanonicalJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** SQL over {@code audit_record}. Every query names its tenant. */
@ApplicationScoped
public class AuditRecordRepository {
    static final String COLUMNS = "seq, tenant, chain_seq, event_id, type, source, subject, actor_type, actor_id, "
            + "actor_name, target_type, target_id, occurred_at, received_at, client_ip, user_agent, data::text AS data, "
            + "prev_hash, hash";

    private static final String INSERT = """
            INSERT INTO audit_record (tenant, chain_seq, event_id, type, source, subject, actor_type, actor_id,
                actor_name, target_type, target_id, occurred_at, received_at, client_ip, user_agent, data, prev_hash, hash)
            SELECT $1, u.chain_seq, u.event_id, u.type, u.source, u.subject, u.actor_type, u.actor_id, u.actor_name,
                u.target_type, u.target_id, u.occurred_at::timestamptz, u.received_at::timestamptz, u.client_ip,
                u.user_agent, u.data::jsonb, u.prev_hash, u.hash
            FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                        $16::text[], $17::text[], $18::text[])
                 WITH ORDINALITY AS u(chain_seq, event_id, type, source, subject, actor_type, actor_id, actor_name,
                                      target_type, target_id, occurred_at, received_at, client_ip, user_agent, data,
                                      prev_hash, hash, ord)
            ORDER BY u.ord
            ON CONFLICT (event_id) DO NOTHING
            """;

    /**
     * Which of these CloudEvents ids are stored already. Not narrowed to a tenant on purpose: the id is unique over
     * the whole trail (a UNIQUE constraint), so an id seen under any tenant is a redelivery, never a new record.
     */
    public Uni<Set<String>> existingEventIds(SqlClient client, List<String> eventIds) {
        return client.preparedQuery("SELECT event_id FROM audit_record WHERE event_id = ANY($1)")
                .execute(Tuple.of((Object) eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(r -> ids.add(r.getString(0)));
                    return ids;
                });
    }

    /** One statement for a tenant's whole batch; answers how many rows were inserted. */
    public Uni<Integer> insertAll(SqlClient client, String tenant, List<AuditRecord> records) {
        int n = records.size();
        Long[] chainSeq = new Long[n];
        String[][] text = new String[16][n];
        for (int i = 0; i < n; i++) {
            AuditRecord r = records.get(i);
            chainSeq[i] = r.chainSeq();
            String[] values = {r.eventId(), r.type(), r.source(), r.subject(), r.actorType(), r.actorId(),
                    r.actorName(), r.targetType(), r.targetId(), r.occurredAt().toString(), r.receivedAt().toString(),
                    r.clientIp(), r.userAgent(), CanonicalJson.write(r.data()), r.prevHash(), r.hash()};
            for (int c = 0; c < values.length; c++) {
                text[c][i] = values[c];
            }
        }
        Tuple params = Tuple.tuple().addValue(tenant).addValue(chainSeq);
        for (String[] column : text) {
            params.addValue(column);
        }
        return client.preparedQuery(INSERT).execute(params).map(RowSet::rowCount);
    }

    /** A page of the tenant's chain in chain order, from {@code fromChainSeq} up to {@code toChainSeq}. */
    public Uni<List<AuditRecord>> chainPage(SqlClient client, String tenant, long fromChainSeq, long toChainSeq,
                                            int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM audit_record WHERE tenant = $1 AND chain_seq >= $2"
                        + " AND chain_seq <= $3 ORDER BY chain_seq LIMIT $4")
                .execute(Tuple.of(tenant, fromChainSeq, toChainSeq, limit))
                .map(AuditRecordRepository::records);
    }

    /** Hash of the record at a chain position, if it is still there. */
    public Uni<String> hashAt(SqlClient client, String tenant, long chainSeq) {
        return client.preparedQuery("SELECT hash FROM audit_record WHERE tenant = $1 AND chain_seq = $2")
                .execute(Tuple.of(tenant, chainSeq))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** First chain position received at or after {@code from} (null when none). */
    public Uni<Long> firstChainSeqReceivedFrom(SqlClient client, String tenant, Instant from) {
        return client.preparedQuery("SELECT min(chain_seq) FROM audit_record WHERE tenant = $1 AND received_at >= $2")
                .execute(Tuple.of(tenant, utc(from)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Last chain position received before {@code to} (null when none). */
    public Uni<Long> lastChainSeqReceivedBefore(SqlClient client, String tenant, Instant to) {
        return client.preparedQuery("SELECT max(chain_seq) FROM audit_record WHERE tenant = $1 AND received_at < $2")
                .execute(Tuple.of(tenant, utc(to)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The oldest records of a tenant's chain (chain position, hash, received time), for retention. */
    public Uni<List<ChainEntry>> oldest(SqlClient client, String tenant, int limit) {
        return client.preparedQuery("SELECT chain_seq, hash, received_at FROM audit_record WHERE tenant = $1"
                        + " ORDER BY chain_seq LIMIT $2")
                .execute(Tuple.of(tenant, limit))
                .map(rows -> {
                    List<ChainEntry> list = new ArrayList<>(rows.size());
                    rows.forEach(r -> list.add(new ChainEntry(r.getLong(0), r.getString(1),
                            r.getOffsetDateTime(2).toInstant())));
                    return list;
                });
    }

    /** Deletes the chain's prefix up to and including {@code chainSeq}. */
    public Uni<Integer> deleteUpTo(SqlClient client, String tenant, long chainSeq) {
        return client.preparedQuery("DELETE FROM audit_record WHERE tenant = $1 AND chain_seq <= $2")
                .execute(Tuple.of(tenant, chainSeq))
                .map(RowSet::rowCount);
    }

    public record ChainEntry(long chainSeq, String hash, Instant receivedAt) {
    }

    static List<AuditRecord> records(RowSet<Row> rows) {
        List<AuditRecord> list = new ArrayList<>(rows.size());
        rows.forEach(r -> list.add(record(r)));
        return list;
    }

    static AuditRecord record(Row r) {
        try {
            return new AuditRecord(r.getLong("seq"), r.getString("tenant"), r.getLong("chain_seq"),
                    r.getString("event_id"), r.getString("type"), r.getString("source"), r.getString("subject"),
                    r.getString("actor_type"), r.getString("actor_id"), r.getString("actor_name"),
                    r.getString("target_type"), r.getString("target_id"),
                    r.getOffsetDateTime("occurred_at").toInstant(), r.getOffsetDateTime("received_at").toInstant(),
                    r.getString("client_ip"), r.getString("user_agent"), CanonicalJson.parse(r.getString("data")),
                    r.getString("prev_hash"), r.getString("hash"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored data of record " + r.getLong("seq") + " is not JSON", e);
        }
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(java.time.ZoneOffset.UTC);
    }
}
