package dev.latchkey.audit.repository;

import dev.latchkey.audit.chain.ChainHasher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;

/** Chain heads (the tip of each tenant's chain) and retention anchors (where its kept part starts). */
@ApplicationScoped
public class ChainRepository {

    public record Head(String tenant, long lastSeq, String lastHash) {
    }

    public record Anchor(String tenant, long anchorSeq, String anchorHash, long deletedCount, Instant updatedAt) {
    }

    /**
     * The tenant's head, locked until the transaction ends (created empty on a tenant's first event): this lock
     * is what serialises appends to one chain across consumers and replicas.
     */
    public Uni<Head> lockHead(SqlClient tx, String tenant) {
        return tx.preparedQuery("""
                        INSERT INTO audit_chain_head (tenant, last_seq, last_hash) VALUES ($1, 0, $2)
                        ON CONFLICT (tenant) DO UPDATE SET tenant = EXCLUDED.tenant
                        RETURNING tenant, last_seq, last_hash""")
                .execute(Tuple.of(tenant, ChainHasher.GENESIS))
                .map(rows -> head(rows.iterator().next()));
    }

    public Uni<Void> updateHead(SqlClient tx, String tenant, long lastSeq, String lastHash) {
        return tx.preparedQuery("UPDATE audit_chain_head SET last_seq = $2, last_hash = $3 WHERE tenant = $1")
                .execute(Tuple.of(tenant, lastSeq, lastHash)).replaceWithVoid();
    }

    /** Null when the tenant has no chain yet. */
    public Uni<Head> head(SqlClient client, String tenant) {
        return client.preparedQuery("SELECT tenant, last_seq, last_hash FROM audit_chain_head WHERE tenant = $1")
                .execute(Tuple.of(tenant))
                .map(rows -> rows.size() == 0 ? null : head(rows.iterator().next()));
    }

    /** Null when nothing of the tenant's chain was ever deleted. */
    public Uni<Anchor> anchor(SqlClient client, String tenant) {
        return anchor(client, tenant, "");
    }

    public Uni<Anchor> lockAnchor(SqlClient tx, String tenant) {
        return anchor(tx, tenant, " FOR UPDATE");
    }

    private Uni<Anchor> anchor(SqlClient client, String tenant, String lock) {
        return client.preparedQuery("SELECT tenant, anchor_seq, anchor_hash, deleted_count, updated_at"
                        + " FROM audit_chain_anchor WHERE tenant = $1" + lock)
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Anchor(r.getString(0), r.getLong(1), r.getString(2), r.getLong(3),
                            r.getOffsetDateTime(4).toInstant());
                });
    }

    public Uni<Void> saveAnchor(SqlClient tx, String tenant, long anchorSeq, String anchorHash, long deleted,
                                Instant now) {
        return tx.preparedQuery("""
                        INSERT INTO audit_chain_anchor (tenant, anchor_seq, anchor_hash, deleted_count, updated_at)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (tenant) DO UPDATE SET anchor_seq = EXCLUDED.anchor_seq,
                            anchor_hash = EXCLUDED.anchor_hash,
                            deleted_count = audit_chain_anchor.deleted_count + EXCLUDED.deleted_count,
                            updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.of(tenant, anchorSeq, anchorHash, deleted, now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Every tenant that has a chain (the retention job's work list). */
    public Uni<java.util.List<String>> tenants(SqlClient client) {
        return client.query("SELECT tenant FROM audit_chain_head ORDER BY tenant").execute()
                .map(rows -> {
                    java.util.List<String> list = new java.util.ArrayList<>();
                    rows.forEach(r -> list.add(r.getString(0)));
                    return list;
                });
    }

    private static Head head(Row r) {
        return new Head(r.getString(0), r.getLong(1), r.getString(2));
    }
}
