package dev.latchkey.token.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.EventJson;
import dev.latchkey.outbox.ProcessedEvents;
import dev.latchkey.token.repository.Owner;
import dev.latchkey.token.repository.OwnerRepository;
import dev.latchkey.token.repository.Token;
import dev.latchkey.token.repository.TokenRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the members and service accounts of {@code latchkey.directory.events} (each event carries the
 * aggregate's full state). Introspection reads the owner's status and role at every use, so a disabled or
 * deleted member's tokens stop at once and start again when re-enabled (if not expired). When an owner stops
 * being active, a {@code token:<id>} revocation record per live token makes verifiers drop cached answers; a
 * deleted service account's tokens are revoked for good.
 *
 * <p>The data is read as JSON by the contract of the brief (not by the directory records), so this projection
 * only depends on the fields it uses.
 */
@ApplicationScoped
public class DirectoryProjection {
    public static final String CONSUMER = "token-service.directory-projection";
    private static final String MEMBER_PREFIX = "latchkey.directory.member.";
    private static final String SERVICE_ACCOUNT_PREFIX = "latchkey.directory.service_account.";
    private static final String TENANT_PREFIX = "latchkey.directory.tenant.";

    private final Pool pool;
    private final OwnerRepository owners;
    private final TokenRepository tokens;
    private final ProcessedEvents processed;
    private final TokenOutbox outbox;
    private final TokenEventFactory events;
    private final TokenLifecycleService lifecycle;
    private final TokenStateCache cache;

    DirectoryProjection(Pool pool, OwnerRepository owners, TokenRepository tokens, ProcessedEvents processed,
                        TokenOutbox outbox, TokenEventFactory events, TokenLifecycleService lifecycle, TokenStateCache cache) {
        this.pool = pool;
        this.owners = owners;
        this.tokens = tokens;
        this.processed = processed;
        this.outbox = outbox;
        this.events = events;
        this.lifecycle = lifecycle;
        this.cache = cache;
    }

    public Uni<Void> apply(EventEnvelope e) {
        boolean member = e.type().startsWith(MEMBER_PREFIX);
        boolean serviceAccount = e.type().startsWith(SERVICE_ACCOUNT_PREFIX);
        if (e.type().startsWith(TENANT_PREFIX)) {
            return applyTenant(e);
        }
        if (!member && !serviceAccount) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data;
        try {
            data = EventJson.mapper().readTree(e.data());
        } catch (Exception ex) {
            Log.errorf("directory event %s (%s) is not JSON: skipped", e.id(), e.type());
            return Uni.createFrom().voidItem();
        }
        String tenant = data.path("tenant").asText(null);
        JsonNode state = data.path(member ? "member" : "serviceAccount");
        String id = state.path("id").asText(null);
        String status = state.path("status").asText(null);
        if (tenant == null || id == null || status == null) {
            Log.errorf("directory event %s (%s) lacks tenant, id or status: skipped", e.id(), e.type());
            return Uni.createFrom().voidItem();
        }
        Actor actor = actor(data);
        Instant now = Times.now();
        return pool.withTransaction(tx -> processed.firstDelivery(tx, CONSUMER, e.id()).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            if (member) {
                return owners.findMember(tx, tenant, id, true).chain(before -> owners.upsertMember(tx, tenant, id,
                                state.path("role").asText("member"), status, text(state, "userName"), text(state, "email"),
                                text(state, "displayName"))
                        .chain(() -> stopped(before, status)
                                ? revocationRecords(tx, actor, tenant, Token.OWNER_MEMBER, id, now)
                                : Uni.createFrom().voidItem()));
            }
            List<String> managers = new ArrayList<>();
            state.path("managers").forEach(m -> managers.add(m.asText()));
            return owners.findServiceAccount(tx, tenant, id, true).chain(before -> owners.upsertServiceAccount(tx,
                            tenant, id, state.path("name").asText(id), status, managers)
                    .chain(() -> {
                        if ("deleted".equals(status)) {
                            return revokeAll(tx, actor, tenant, id, now);
                        }
                        return stopped(before, status)
                                ? revocationRecords(tx, actor, tenant, Token.OWNER_SERVICE_ACCOUNT, id, now)
                                : Uni.createFrom().voidItem();
                    }));
        })).invoke(cache::invalidateAll);
    }

    /**
     * A suspended tenant's tokens all introspect inactive; service-account-service also writes the tenant-wide
     * revocation record that makes verifiers drop their cached answers.
     */
    private Uni<Void> applyTenant(EventEnvelope e) {
        JsonNode data;
        try {
            data = EventJson.mapper().readTree(e.data());
        } catch (Exception ex) {
            Log.errorf("directory event %s (%s) is not JSON: skipped", e.id(), e.type());
            return Uni.createFrom().voidItem();
        }
        String tenant = data.path("tenantInfo").path("serviceId").asText(data.path("tenant").asText(null));
        String status = data.path("tenantInfo").path("status").asText(null);
        if (tenant == null || status == null) {
            Log.errorf("directory event %s (%s) lacks tenant or status: skipped", e.id(), e.type());
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> processed.firstDelivery(tx, CONSUMER, e.id()).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : owners.setTenantSuspended(tx, tenant, "suspended".equals(status), Times.now())))
                .invoke(cache::invalidateAll);
    }

    private static boolean stopped(Owner before, String status) {
        return !Owner.STATUS_ACTIVE.equals(status) && (before == null || before.isActive());
    }

    /** Owner disabled: the tokens stay (they may work again), but verifiers must drop cached answers now. */
    private Uni<Void> revocationRecords(SqlConnection tx, Actor actor, String tenant, String ownerType, String ownerId,
                                        Instant now) {
        return tokens.findLiveByOwnerForUpdate(tx, tenant, ownerType, ownerId, now).chain(live -> outbox.append(tx,
                live.stream().map(t -> events.revocation(actor, t, TokenEventFactory.OWNER_DISABLED, now)).toList()));
    }

    private Uni<Void> revokeAll(SqlConnection tx, Actor actor, String tenant, String serviceAccountId, Instant now) {
        return tokens.findLiveByOwnerForUpdate(tx, tenant, Token.OWNER_SERVICE_ACCOUNT, serviceAccountId, now)
                .chain(live -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    List<dev.latchkey.events.EventEnvelope> out = new ArrayList<>();
                    for (Token t : live) {
                        Token revoked = t.revoked(TokenEventFactory.OWNER_DELETED, now);
                        chain = chain.chain(() -> tokens.update(tx, revoked));
                        out.addAll(lifecycle.revocationEvents(actor, revoked, TokenEventFactory.OWNER_DELETED,
                                TokenEventFactory.OWNER_DELETED, now));
                    }
                    return chain.chain(() -> outbox.append(tx, out));
                });
    }

    private static Actor actor(JsonNode data) {
        JsonNode a = data.path("actor");
        String type = a.path("type").asText(null);
        String id = a.path("id").asText(null);
        return type == null || id == null ? Actor.system("service-account-service") : new Actor(type, id);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static boolean isPoison(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof UncheckedIOException;
    }
}
