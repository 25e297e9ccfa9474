package dev.latchkey.token.service;

import dev.latchkey.events.Actor;
import dev.latchkey.token.config.BootstrapConfig;
import dev.latchkey.token.repository.OwnerRepository;
import dev.latchkey.token.repository.Token;
import dev.latchkey.token.repository.TokenRepository;
import dev.latchkey.verifier.OpaqueTokens;
import dev.latchkey.verifier.Scopes;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Registers {@code latchkey.bootstrap.admin-token} once as an {@code admin} token (never expiring) of the
 * bootstrap global admin, who is also put into the members projection if service-account-service has not
 * announced them yet. Idempotent across restarts and replicas: keyed by the token's hash.
 */
@ApplicationScoped
public class BootstrapAdminToken {
    private static final Actor BOOTSTRAP = Actor.system("token-service.bootstrap");

    private final BootstrapConfig config;
    private final Pool pool;
    private final TokenRepository tokens;
    private final OwnerRepository owners;
    private final TokenEventFactory events;
    private final TokenOutbox outbox;

    BootstrapAdminToken(BootstrapConfig config, Pool pool, TokenRepository tokens, OwnerRepository owners,
                        TokenEventFactory events, TokenOutbox outbox) {
        this.config = config;
        this.pool = pool;
        this.tokens = tokens;
        this.owners = owners;
        this.events = events;
        this.outbox = outbox;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.adminToken().isEmpty() || config.adminToken().get().isBlank()) {
            return;
        }
        String value = config.adminToken().get().trim();
        if (!OpaqueTokens.isWellFormed(value, OpaqueTokens.API_TOKEN)) {
            throw new IllegalStateException("latchkey.bootstrap.admin-token is not a well-formed lkt_ token");
        }
        register(value).await().atMost(Duration.ofSeconds(30));
    }

    Uni<Boolean> register(String value) {
        String tenant = config.tenant();
        String memberId = config.adminMemberId().orElseGet(() -> {
            String id = UUID.nameUUIDFromBytes(("latchkey-bootstrap-admin:" + tenant).getBytes(StandardCharsets.UTF_8)).toString();
            Log.warnf("latchkey.bootstrap.admin-member-id is not set: the bootstrap admin is member %s", id);
            return id;
        });
        String hash = OpaqueTokens.sha256(value);
        var now = Times.now();
        Token token = new Token(UUID.randomUUID(), tenant, "bootstrap-admin", Token.OWNER_MEMBER, memberId,
                List.of(Scopes.ADMIN), "private", List.of(), hash, OpaqueTokens.hint(value), now, BOOTSTRAP.type(),
                BOOTSTRAP.id(), now, null, null, null, null, null, null, 0);
        return pool.withTransaction(tx -> owners.insertMemberIfAbsent(tx, tenant, memberId, Scopes.ROLE_GLOBAL_ADMIN, "active")
                .chain(() -> tx.preparedQuery("SELECT 1 FROM token WHERE token_hash = $1").execute(Tuple.of(hash)))
                .chain(rows -> {
                    if (rows.size() > 0) {
                        return Uni.createFrom().item(false);
                    }
                    return tx.preparedQuery("SELECT pg_advisory_xact_lock(77001)").execute()
                            .chain(() -> tokens.insert(tx, token))
                            .chain(() -> outbox.append(tx, events.created(BOOTSTRAP, token, now)))
                            .replaceWith(true);
                }))
                .invoke(created -> Log.infof(created ? "bootstrap admin token registered for member %s of %s"
                        : "bootstrap admin token already registered (member %s of %s)", memberId, tenant))
                .onFailure().recoverWithUni(e -> {
                    // two replicas starting at once: the other one registered it (unique hash)
                    Log.infof("bootstrap admin token not registered here: %s", e.getMessage());
                    return Uni.createFrom().item(false);
                });
    }
}
