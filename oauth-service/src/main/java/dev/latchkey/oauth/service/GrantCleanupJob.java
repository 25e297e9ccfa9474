package dev.latchkey.oauth.service;

import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.repository.GrantRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Deletes what no request can use any more: authorization codes expired for longer than the retention, refresh-token
 * families that ended longer ago than the retention, and revoked {@code jti}s past their {@code exp}. Batches of
 * {@code cleanup.batch-size} rows per table, one transaction each; every batch first takes a transaction-scoped
 * advisory lock, and a replica that does not get it stops this run (another replica is cleaning), as the key
 * rotation does.
 */
@ApplicationScoped
public class GrantCleanupJob {
    /** Bound on the batches of one run, so a huge backlog is spread over several runs. */
    private static final int MAX_BATCHES = 1000;

    public record Deleted(long codes, long refreshTokens, long revokedJtis) {
        Deleted plus(Deleted o) {
            return new Deleted(codes + o.codes, refreshTokens + o.refreshTokens, revokedJtis + o.revokedJtis);
        }

        long total() {
            return codes + refreshTokens + revokedJtis;
        }
    }

    private final Pool pool;
    private final GrantRepository grants;
    private final OAuthConfig config;

    GrantCleanupJob(Pool pool, GrantRepository grants, OAuthConfig config) {
        this.pool = pool;
        this.grants = grants;
        this.config = config;
    }

    @Scheduled(every = "${latchkey.oauth.cleanup.every:1h}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run(Instant.now())
                .invoke(d -> {
                    if (d.total() > 0) {
                        Log.infof("clean-up: deleted %d authorization codes, %d refresh tokens, %d revoked jtis",
                                d.codes(), d.refreshTokens(), d.revokedJtis());
                    }
                })
                .onFailure().invoke(e -> Log.errorf(e, "clean-up failed"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Cleans as of {@code now}, batch after batch, until nothing is left or another replica holds the lock. */
    public Uni<Deleted> run(Instant now) {
        return run(now, new Deleted(0, 0, 0), 0);
    }

    private Uni<Deleted> run(Instant now, Deleted sofar, int batches) {
        int size = config.cleanup().batchSize();
        return batch(now).chain(d -> {
            if (d == null) {
                return Uni.createFrom().item(sofar);
            }
            Deleted total = sofar.plus(d);
            boolean more = d.codes() >= size || d.refreshTokens() >= size || d.revokedJtis() >= size;
            return more && batches + 1 < MAX_BATCHES ? run(now, total, batches + 1) : Uni.createFrom().item(total);
        });
    }

    /** One batch of each kind in one transaction; {@code null} when another replica holds the lock. */
    private Uni<Deleted> batch(Instant now) {
        Instant retained = now.minus(config.cleanup().retention());
        int size = config.cleanup().batchSize();
        return pool.withTransaction(tx -> grants.tryCleanupLock(tx).chain(locked -> !locked
                ? Uni.createFrom().nullItem()
                : grants.deleteExpiredCodes(tx, retained, size)
                .chain(codes -> grants.deleteEndedRefreshFamilies(tx, retained, size)
                        .chain(refresh -> grants.deleteExpiredRevokedJtis(tx, now, size)
                                .map(jtis -> new Deleted(codes, refresh, jtis))))));
    }
}
