package dev.latchkey.audit.service;

import dev.latchkey.audit.chain.AuditRecord;
import dev.latchkey.audit.repository.AuditQueryRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Reading the trail: pages for people, streams for exports. */
@ApplicationScoped
public class AuditQueryService {
    private final Pool pool;
    private final AuditQueryRepository queries;
    private final AuditConfig config;

    public AuditQueryService(Pool pool, AuditQueryRepository queries, AuditConfig config) {
        this.pool = pool;
        this.queries = queries;
        this.config = config;
    }

    /** @param next where the following page starts, null on the last page */
    public record Page(List<AuditRecord> items, Position next) {
    }

    /** Newest first. */
    public Uni<Page> page(AuditFilter filter, Position before, int limit) {
        return queries.newestFirst(pool, filter, before, limit + 1).map(rows -> {
            if (rows.size() <= limit) {
                return new Page(rows, null);
            }
            List<AuditRecord> items = rows.subList(0, limit);
            AuditRecord last = items.get(limit - 1);
            return new Page(items, new Position(last.occurredAt(), last.seq()));
        });
    }

    /**
     * Oldest first, fetched a chunk at a time as the client reads (keyset pagination, no long transaction):
     * memory stays bounded by the chunk size whatever the range.
     */
    public Multi<AuditRecord> export(AuditFilter filter) {
        AtomicReference<Position> after = new AtomicReference<>();
        return Multi.createBy().repeating()
                .uni(() -> queries.oldestFirst(pool, filter, after.get(), config.chunkSize())
                        .invoke(rows -> {
                            if (!rows.isEmpty()) {
                                AuditRecord last = rows.get(rows.size() - 1);
                                after.set(new Position(last.occurredAt(), last.seq()));
                            }
                        }))
                .until(List::isEmpty)
                .onItem().disjoint();
    }
}
