package dev.latchkey.directory.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.directory.repository.OwnerTokenRepository;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.EventJson;
import dev.latchkey.outbox.ProcessedEvents;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Which owner holds which token, from {@code latchkey.token.events} (every event carries the token's full state,
 * so each one upserts it) and the last use of each token from {@code latchkey.credential.usage}. Applied once per
 * CloudEvents id, in the same transaction as the change.
 *
 * <p>The data is read as JSON by the contract (not by token-service's records) so only the fields used matter.
 */
@ApplicationScoped
public class TokenOwnershipProjection {
    public static final String TOKENS = "service-account-service.token-ownership";
    public static final String USAGE = "service-account-service.token-usage";
    private static final String TOKEN_PREFIX = "latchkey.token.token.";

    private final Pool pool;
    private final OwnerTokenRepository tokens;
    private final ProcessedEvents processed;

    TokenOwnershipProjection(Pool pool, OwnerTokenRepository tokens, ProcessedEvents processed) {
        this.pool = pool;
        this.tokens = tokens;
        this.processed = processed;
    }

    public Uni<Void> applyToken(EventEnvelope e) {
        if (!e.type().startsWith(TOKEN_PREFIX)) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = json(e);
        JsonNode token = data == null ? null : data.path("token");
        String tenant = data == null ? null : text(data, "tenant");
        String id = token == null ? null : text(token, "id");
        String ownerType = token == null ? null : text(token, "ownerType");
        String ownerId = token == null ? null : text(token, "ownerId");
        String status = token == null ? null : text(token, "status");
        if (tenant == null || id == null || ownerType == null || ownerId == null || status == null) {
            Log.errorf("token event %s (%s) lacks tenant or token id, owner, status: skipped", e.id(), e.type());
            return Uni.createFrom().voidItem();
        }
        Instant expiresAt = time(token, "expiresAt");
        return pool.withTransaction(tx -> processed.firstDelivery(tx, TOKENS, e.id()).chain(first -> first
                ? tokens.upsert(tx, id, tenant, ownerType, ownerId, status, expiresAt, Times.now())
                : Uni.createFrom().voidItem()));
    }

    public Uni<Void> applyUsage(EventEnvelope e) {
        JsonNode data = json(e);
        String tenant = data == null ? null : text(data, "tenant");
        String tokenId = data == null ? null : text(data, "tokenId");
        Instant lastUsedAt = data == null ? null : time(data, "lastUsedAt");
        if (tenant == null || tokenId == null || lastUsedAt == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> processed.firstDelivery(tx, USAGE, e.id()).chain(first -> first
                ? tokens.used(tx, tenant, tokenId, lastUsedAt)
                : Uni.createFrom().voidItem()));
    }

    private static JsonNode json(EventEnvelope e) {
        try {
            return EventJson.mapper().readTree(e.data());
        } catch (Exception ex) {
            Log.errorf("event %s (%s) is not JSON: skipped", e.id(), e.type());
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static Instant time(JsonNode n, String field) {
        String s = text(n, field);
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException ex) {
            return null;
        }
    }
}
