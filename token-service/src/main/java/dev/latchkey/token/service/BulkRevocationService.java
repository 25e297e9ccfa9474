package dev.latchkey.token.service;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.token.repository.Token;
import dev.latchkey.token.repository.TokenFilter;
import dev.latchkey.token.repository.TokenRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Admin inventory's bulk revocation: every matching live token of the tenant, in one transaction. */
@ApplicationScoped
public class BulkRevocationService {
    /** Upper bound of one request: beyond it, the admin repeats the request. */
    public static final int MAX = 1000;

    private final Pool pool;
    private final TokenRepository tokens;
    private final TokenLifecycleService lifecycle;
    private final TokenOutbox outbox;
    private final TokenStateCache cache;

    BulkRevocationService(Pool pool, TokenRepository tokens, TokenLifecycleService lifecycle, TokenOutbox outbox,
                          TokenStateCache cache) {
        this.pool = pool;
        this.tokens = tokens;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.cache = cache;
    }

    public Uni<List<Token>> revoke(Caller caller, TokenFilter filter) {
        Instant now = Times.now();
        return pool.withTransaction(tx -> tokens.findForUpdate(tx, caller.tenant(), filter, now, MAX).chain(found -> {
            List<Token> revoked = found.stream().map(t -> t.revoked(TokenEventFactory.BULK_REVOKED, now)).toList();
            List<EventEnvelope> events = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Token t : revoked) {
                events.addAll(lifecycle.revocationEvents(caller.actor(), t, TokenEventFactory.BULK_REVOKED,
                        TokenEventFactory.REVOKED, now));
                chain = chain.chain(() -> tokens.update(tx, t));
            }
            return chain.chain(() -> outbox.append(tx, events)).replaceWith(revoked);
        })).invoke(revoked -> revoked.forEach(t -> cache.invalidate(t.tokenHash())));
    }
}
