package dev.latchkey.token.service;

import dev.latchkey.token.repository.ExpiryNoticeRepository;
import dev.latchkey.token.repository.PolicyRepository;
import dev.latchkey.token.repository.Token;
import dev.latchkey.token.repository.TokenPolicy;
import dev.latchkey.token.repository.TokenRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Emits {@code token.expiring} once per token and lead time of its tenant's policy (default 30, 7, 1 days).
 * A token already within several lead times gets one notice, for the shortest, and the longer ones are claimed
 * with it. Safe with several replicas: a notice is claimed by inserting its (token, lead time) row in the same
 * transaction as its outbox event.
 */
@ApplicationScoped
public class ExpiryNotices {
    private static final int BATCH = 500;

    private final Pool pool;
    private final TokenRepository tokens;
    private final PolicyRepository policies;
    private final ExpiryNoticeRepository notices;
    private final TokenEventFactory events;
    private final TokenOutbox outbox;

    ExpiryNotices(Pool pool, TokenRepository tokens, PolicyRepository policies, ExpiryNoticeRepository notices,
                  TokenEventFactory events, TokenOutbox outbox) {
        this.pool = pool;
        this.tokens = tokens;
        this.policies = policies;
        this.notices = notices;
        this.events = events;
        this.outbox = outbox;
    }

    @Scheduled(every = "${latchkey.token.expiry-notices.every:15m}", delay = 30, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().onFailure().invoke(e -> Log.warnf("expiry notices failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass; answers how many notices were emitted. */
    public Uni<Integer> run() {
        Instant now = Times.now();
        return policies.findAll(pool).chain(all -> {
            Map<String, TokenPolicy> byTenant = all.stream().collect(Collectors.toMap(TokenPolicy::tenant, Function.identity()));
            int maxLead = all.stream().flatMap(p -> p.expiryNoticeDays().stream()).max(Comparator.naturalOrder())
                    .map(m -> Math.max(m, 30)).orElse(30);
            return tokens.findExpiringBefore(pool, now, now.plus(Duration.ofDays(maxLead)), BATCH)
                    .chain(candidates -> Multi.createFrom().iterable(candidates)
                            .onItem().transformToUniAndConcatenate(t -> notify(t,
                                    byTenant.getOrDefault(t.tenant(), TokenPolicy.defaults(t.tenant())), now))
                            .collect().with(Collectors.summingInt(Integer::intValue)));
        });
    }

    private Uni<Integer> notify(Token t, TokenPolicy policy, Instant now) {
        List<Integer> due = policy.expiryNoticeDays().stream()
                .filter(d -> !t.expiresAt().isAfter(now.plus(Duration.ofDays(d)))).sorted().toList();
        if (due.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int shortest = due.get(0);
        return pool.withTransaction(tx -> notices.claim(tx, t.id(), shortest).chain(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(0);
            }
            Uni<Void> rest = Uni.createFrom().voidItem();
            for (int d : due.subList(1, due.size())) {
                rest = rest.chain(() -> notices.claim(tx, t.id(), d).replaceWithVoid());
            }
            return rest.chain(() -> outbox.append(tx, events.expiring(t, shortest, now))).replaceWith(1);
        }));
    }
}
