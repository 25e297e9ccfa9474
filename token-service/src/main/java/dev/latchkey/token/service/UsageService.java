package dev.latchkey.token.service;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.credential.CredentialUsageReported;
import dev.latchkey.outbox.ProcessedEvents;
import dev.latchkey.token.repository.TokenRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Adds verifiers' usage reports to tokens (count, last use, last client IP), once per CloudEvents id. */
@ApplicationScoped
public class UsageService {
    public static final String CONSUMER = "token-service.usage";

    private final Pool pool;
    private final TokenRepository tokens;
    private final ProcessedEvents processed;

    UsageService(Pool pool, TokenRepository tokens, ProcessedEvents processed) {
        this.pool = pool;
        this.tokens = tokens;
        this.processed = processed;
    }

    public Uni<Void> apply(EventEnvelope e) {
        CredentialUsageReported u = e.dataAs(CredentialUsageReported.class);
        UUID id;
        try {
            id = UUID.fromString(u.tokenId());
        } catch (RuntimeException ex) {
            Log.warnf("usage report %s names no token id of ours: skipped", e.id());
            return Uni.createFrom().voidItem();
        }
        if (u.count() <= 0 || u.lastUsedAt() == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> processed.firstDelivery(tx, CONSUMER, e.id()).chain(first -> first
                ? tokens.addUsage(tx, u.tenant(), id, u.count(), u.lastUsedAt(), u.lastClientIp()).replaceWithVoid()
                : Uni.createFrom().voidItem()));
    }
}
