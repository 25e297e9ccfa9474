package dev.latchkey.token.service;

import dev.latchkey.events.Actor;
import dev.latchkey.token.repository.Token;
import dev.latchkey.token.repository.TokenRepository;
import dev.latchkey.verifier.OpaqueTokens;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Secret scanners' reports of token strings found in public: every real, live token among them is revoked
 * (reason {@code leaked}) and its tenant gets a {@code token.leaked} event. The caller learns nothing.
 */
@ApplicationScoped
public class LeakReportService {
    private static final Actor REPORTER = Actor.system("token-service.leak-report");

    private final Pool pool;
    private final TokenRepository tokens;
    private final TokenEventFactory events;
    private final TokenLifecycleService lifecycle;
    private final TokenOutbox outbox;
    private final TokenStateCache cache;

    LeakReportService(Pool pool, TokenRepository tokens, TokenEventFactory events, TokenLifecycleService lifecycle,
                      TokenOutbox outbox, TokenStateCache cache) {
        this.pool = pool;
        this.tokens = tokens;
        this.events = events;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.cache = cache;
    }

    public Uni<Void> report(List<String> strings) {
        List<String> hashes = new ArrayList<>();
        for (String s : strings) {
            if (s != null && OpaqueTokens.isWellFormed(s.trim(), OpaqueTokens.API_TOKEN)) {
                hashes.add(OpaqueTokens.sha256(s.trim()));
            }
        }
        return Multi.createFrom().iterable(hashes).onItem().transformToUniAndConcatenate(this::revokeIfLive)
                .collect().asList().replaceWithVoid();
    }

    private Uni<Void> revokeIfLive(String hash) {
        Instant now = Times.now();
        return pool.withTransaction(tx -> tokens.findByHashForUpdate(tx, hash).chain(t -> {
            if (t == null || t.isRevoked()) {
                return Uni.createFrom().<Token>nullItem();
            }
            Token revoked = t.revoked(TokenEventFactory.LEAKED, now);
            var list = new ArrayList<>(List.of(events.leaked(revoked, now)));
            list.addAll(lifecycle.revocationEvents(REPORTER, revoked, TokenEventFactory.LEAKED, TokenEventFactory.LEAKED, now));
            return tokens.update(tx, revoked).chain(() -> outbox.append(tx, list)).replaceWith(revoked);
        })).invoke(t -> {
            if (t != null) {
                cache.invalidate(hash);
                Log.warnf("token %s of tenant %s was reported leaked and is revoked", t.id(), t.tenant());
            }
        }).replaceWithVoid();
    }
}
