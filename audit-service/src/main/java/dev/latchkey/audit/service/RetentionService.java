package dev.latchkey.audit.service;

import dev.latchkey.audit.repository.AuditRecordRepository;
import dev.latchkey.audit.repository.ChainRepository;
import dev.latchkey.audit.repository.RetentionRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Per-tenant retention. Expired records are removed from the OLD end of each chain only, in batches of one
 * transaction each; every batch moves the tenant's anchor to the last record it deleted (its chain position and
 * hash), which is what verify then starts from. Several replicas may run the job: each batch first takes a
 * transaction-scoped advisory lock and a replica that does not get it stops this run.
 */
@ApplicationScoped
public class RetentionService {
    /** Advisory lock key: "audit-retention" (any constant unique in audit_db). */
    static final long LOCK_KEY = 0x6175646974726574L;

    private final Pool pool;
    private final RetentionRepository settings;
    private final ChainRepository chains;
    private final AuditRecordRepository records;
    private final AuditConfig config;
    private final Counter deleted;
    private final Clock clock = Clock.systemUTC();

    public RetentionService(Pool pool, RetentionRepository settings, ChainRepository chains,
                            AuditRecordRepository records, AuditConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.settings = settings;
        this.chains = chains;
        this.records = records;
        this.config = config;
        this.deleted = Counter.builder("latchkey.audit.records.expired")
                .description("Audit records deleted by retention").register(registry);
    }

    public record Setting(int retentionDays, boolean isDefault, Instant updatedAt, String updatedBy) {
    }

    public Uni<Setting> get(String tenant) {
        return settings.find(pool, tenant).map(s -> s == null
                ? new Setting(config.retention().defaultDays(), true, null, null)
                : new Setting(s.retentionDays(), false, s.updatedAt(), s.updatedBy()));
    }

    /** Caller validated the range ({@link #validRange}). */
    public Uni<Setting> set(String tenant, int days, String by) {
        return settings.save(pool, tenant, days, by, clock.instant())
                .map(s -> new Setting(s.retentionDays(), false, s.updatedAt(), s.updatedBy()));
    }

    public boolean validRange(int days) {
        return days >= config.retention().minDays() && days <= config.retention().maxDays();
    }

    @Scheduled(every = "${latchkey.audit.retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purgeExpired(clock.instant())
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("audit retention: deleted %d expired records", n);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("audit retention run failed: %s", e.getMessage()))
                .onFailure().recoverWithItem(0L)
                .replaceWithVoid();
    }

    /** Deletes, for every tenant, the records received before {@code now} minus its retention period. */
    public Uni<Long> purgeExpired(Instant now) {
        return settings.all(pool).chain(periods -> chains.tenants(pool).chain(tenants ->
                Multi.createFrom().iterable(tenants)
                        .onItem().transformToUniAndConcatenate(t -> purgeTenant(t, cutoff(now, periods, t)))
                        .collect().with(java.util.stream.Collectors.summingLong(Long::longValue))));
    }

    private Instant cutoff(Instant now, Map<String, Integer> periods, String tenant) {
        return now.minus(Duration.ofDays(periods.getOrDefault(tenant, config.retention().defaultDays())));
    }

    /** Deletes a tenant's records received before {@code cutoff}, batch after batch; answers how many. */
    public Uni<Long> purgeTenant(String tenant, Instant cutoff) {
        return batch(tenant, cutoff).chain(n -> n < config.retention().batchSize() ? Uni.createFrom().item((long) n)
                : purgeTenant(tenant, cutoff).map(more -> n + more));
    }

    private Uni<Integer> batch(String tenant, Instant cutoff) {
        return pool.withTransaction(tx -> tryLock(tx).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(0);
            }
            return chains.lockAnchor(tx, tenant)
                    .chain(anchor -> records.oldest(tx, tenant, config.retention().batchSize()))
                    .chain(oldest -> deleteExpiredPrefix(tx, tenant, oldest, cutoff));
        })).invoke(n -> deleted.increment(n));
    }

    private Uni<Integer> deleteExpiredPrefix(SqlConnection tx, String tenant,
                                             List<AuditRecordRepository.ChainEntry> oldest, Instant cutoff) {
        // only a prefix of the chain may go, or the kept part would no longer link up to the anchor
        AuditRecordRepository.ChainEntry lastExpired = null;
        int count = 0;
        for (AuditRecordRepository.ChainEntry e : oldest) {
            if (!e.receivedAt().isBefore(cutoff)) {
                break;
            }
            lastExpired = e;
            count++;
        }
        if (lastExpired == null) {
            return Uni.createFrom().item(0);
        }
        AuditRecordRepository.ChainEntry anchor = lastExpired;
        int expected = count;
        return records.deleteUpTo(tx, tenant, anchor.chainSeq())
                .chain(n -> chains.saveAnchor(tx, tenant, anchor.chainSeq(), anchor.hash(), n, clock.instant())
                        .replaceWith(n))
                .invoke(n -> {
                    if (n != expected) {
                        Log.warnf("audit retention: %s expected to delete %d, deleted %d", tenant, expected, n);
                    }
                });
    }

    private Uni<Boolean> tryLock(SqlConnection tx) {
        return tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(LOCK_KEY))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
