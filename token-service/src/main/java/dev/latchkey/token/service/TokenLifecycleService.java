package dev.latchkey.token.service;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.problem.Problem.FieldError;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.repository.Owner;
import dev.latchkey.token.repository.PolicyRepository;
import dev.latchkey.token.repository.Token;
import dev.latchkey.token.repository.TokenRepository;
import dev.latchkey.token.rest.model.CreateTokenRequest;
import dev.latchkey.token.rest.model.RegenerateTokenRequest;
import dev.latchkey.token.rest.model.UpdateTokenRequest;
import dev.latchkey.verifier.OpaqueTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Create, edit, regenerate, revoke and reassign API tokens. Each change and its events (on
 * {@code latchkey.token.events}, and on {@code latchkey.credential.revocations} when a value stops working or
 * changes hands) commit in one transaction; the introspection cache entry is dropped after the commit. A creation's
 * transaction may be shared with concurrent creations ({@link TokenCreations}, group commit).
 */
@ApplicationScoped
public class TokenLifecycleService {
    private final Pool pool;
    private final TokenRepository tokens;
    private final PolicyRepository policies;
    private final TokenAccess access;
    private final TokenRules rules;
    private final TokenEventFactory events;
    private final TokenOutbox outbox;
    private final TokenStateCache cache;
    private final TokenCreations creations;

    TokenLifecycleService(Pool pool, TokenRepository tokens, PolicyRepository policies, TokenAccess access,
                          TokenRules rules, TokenEventFactory events, TokenOutbox outbox, TokenStateCache cache,
                          TokenCreations creations) {
        this.pool = pool;
        this.tokens = tokens;
        this.policies = policies;
        this.access = access;
        this.rules = rules;
        this.events = events;
        this.outbox = outbox;
        this.cache = cache;
        this.creations = creations;
    }

    public Uni<IssuedToken> create(Caller caller, CreateTokenRequest req) {
        if (req == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("a JSON body is required"));
        }
        Instant now = Times.now();
        List<FieldError> errors = new ArrayList<>();
        String name = rules.name(req.name(), errors);
        List<String> scopes = rules.scopes(req.scopes(), errors);
        String visibility = rules.visibility(req.visibility(), errors);
        List<String> origins = rules.origins(visibility, req.allowedOrigins(), errors);
        Expiry requested = rules.expiry(req.expiration(), req.expiresAt(), now, null, errors);
        String ownerType = req.owner() == null ? null : req.owner().type();
        String ownerId = req.owner() == null ? null : req.owner().id();
        if (req.owner() != null && (ownerType == null || ownerId == null)) {
            errors.add(new FieldError("owner", "give both type and id (or omit owner for yourself)"));
        }
        TokenRules.throwIfAny(errors);

        return creations.create(new TokenCreations.Draft(caller, name, scopes, visibility, origins, requested, ownerType,
                ownerId, now));
    }

    public Uni<Token> update(Caller caller, UUID id, UpdateTokenRequest req) {
        if (req == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("a JSON body is required"));
        }
        Instant now = Times.now();
        List<FieldError> errors = new ArrayList<>();
        String name = req.name() == null ? null : rules.name(req.name(), errors);
        Expiry expiry = rules.expiry(req.expiration(), req.expiresAt(), now, null, errors);
        TokenRules.throwIfAny(errors);
        return pool.withTransaction(tx -> locked(tx, caller, id).chain(t -> {
            requireLive(t, now, "edited");
            List<FieldError> more = new ArrayList<>();
            List<String> origins = req.allowedOrigins() == null ? t.allowedOrigins()
                    : rules.origins(t.visibility(), req.allowedOrigins(), more);
            TokenRules.throwIfAny(more);
            List<String> changes = new ArrayList<>();
            String newName = name == null ? t.name() : name;
            if (!newName.equals(t.name())) {
                changes.add("name");
            }
            Instant newExpiry = expiry == null ? t.expiresAt() : expiry.at();
            if (!Objects.equals(newExpiry, t.expiresAt())) {
                changes.add("expiresAt");
            }
            if (!origins.equals(t.allowedOrigins())) {
                changes.add("allowedOrigins");
            }
            if (changes.isEmpty()) {
                return Uni.createFrom().item(t);
            }
            Token changed = t.withMetadata(newName, newExpiry, origins, now);
            Uni<Void> checks = Uni.createFrom().voidItem();
            if (expiry != null) {
                checks = policies.find(tx, t.tenant()).invoke(p -> rules.withinPolicy(p, expiry, now)).replaceWithVoid();
            }
            if (changes.contains("name")) {
                checks = checks.chain(() -> tokens.lockOwner(tx, t.tenant(), t.ownerType(), t.ownerId()))
                        .chain(() -> uniqueName(tx, changed, t.id(), now));
            }
            return checks.chain(() -> tokens.update(tx, changed))
                    .chain(() -> outbox.append(tx, events.updated(caller.actor(), changed, changes, now)))
                    .replaceWith(changed);
        })).invoke(t -> cache.invalidate(t.tokenHash()));
    }

    public Uni<IssuedToken> regenerate(Caller caller, UUID id, RegenerateTokenRequest req) {
        Instant now = Times.now();
        List<FieldError> errors = new ArrayList<>();
        Expiry requested = req == null ? null : rules.expiry(req.expiration(), req.expiresAt(), now, null, errors);
        TokenRules.throwIfAny(errors);
        String[] oldHash = new String[1];
        return pool.withTransaction(tx -> locked(tx, caller, id).chain(t -> {
            if (t.isRevoked()) {
                throw ProblemException.conflict("token " + id + " is revoked; revocation is irreversible");
            }
            oldHash[0] = t.tokenHash();
            Expiry expiry = requested != null ? requested : sameLifetime(t, now);
            return policies.find(tx, t.tenant()).chain(policy -> {
                rules.withinPolicy(policy, expiry, now);
                String value = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
                Token changed = t.withSecret(OpaqueTokens.sha256(value), OpaqueTokens.hint(value), expiry.at(), now);
                return tokens.update(tx, changed)
                        .chain(() -> outbox.append(tx, List.of(events.regenerated(caller.actor(), changed, now),
                                events.revocation(caller.actor(), t, TokenEventFactory.REGENERATED, now))))
                        .replaceWith(new IssuedToken(changed, value));
            });
        })).invoke(() -> cache.invalidate(oldHash[0]));
    }

    /** Revokes; revoking a revoked token changes nothing (DELETE is idempotent). */
    public Uni<Void> revoke(Caller caller, UUID id) {
        Instant now = Times.now();
        return pool.withTransaction(tx -> locked(tx, caller, id).chain(t -> {
            if (t.isRevoked()) {
                return Uni.createFrom().item(t);
            }
            Token revoked = t.revoked(TokenEventFactory.REVOKED, now);
            return tokens.update(tx, revoked)
                    .chain(() -> outbox.append(tx, revocationEvents(caller.actor(), revoked, TokenEventFactory.REVOKED,
                            TokenEventFactory.REVOKED, now)))
                    .replaceWith(revoked);
        })).invoke(t -> cache.invalidate(t.tokenHash())).replaceWithVoid();
    }

    public Uni<Token> reassign(Caller caller, UUID id, String serviceAccountId) {
        if (serviceAccountId == null || serviceAccountId.isBlank()) {
            return Uni.createFrom().failure(ProblemException.invalid("serviceAccountId", "is required"));
        }
        Instant now = Times.now();
        return pool.withTransaction(tx -> locked(tx, caller, id).chain(t -> {
            requireLive(t, now, "reassigned");
            if (t.ownerType().equals(Token.OWNER_SERVICE_ACCOUNT) && t.ownerId().equals(serviceAccountId)) {
                return Uni.createFrom().item(t);
            }
            return access.resolveOwner(tx, caller, Token.OWNER_SERVICE_ACCOUNT, serviceAccountId).chain(sa -> {
                TokenRules.requireActive(sa);
                List<FieldError> errors = new ArrayList<>();
                rules.withinOwnerRole(t.scopes(), sa.type(), null, errors);
                if (!errors.isEmpty()) {
                    throw ProblemException.policy("scopes-exceed-new-owner", "the token holds scopes a service account "
                            + "cannot hold: " + errors.stream().map(FieldError::message).toList());
                }
                Token moved = t.ownedBy(Token.OWNER_SERVICE_ACCOUNT, sa.id(), now);
                return tokens.lockOwner(tx, t.tenant(), moved.ownerType(), moved.ownerId())
                        .chain(() -> uniqueName(tx, moved, t.id(), now))
                        .chain(() -> tokens.update(tx, moved))
                        .chain(() -> outbox.append(tx, List.of(
                                events.reassigned(caller.actor(), moved, t.ownerType(), t.ownerId(), now),
                                // the value keeps working: verifiers only drop cached answers naming the old owner
                                events.revocation(caller.actor(), moved, TokenEventFactory.REASSIGNED, now))))
                        .replaceWith(moved);
            });
        })).invoke(t -> cache.invalidate(t.tokenHash()));
    }

    /** The events of a revocation: the domain event and the compacted revocation record. */
    public List<EventEnvelope> revocationEvents(dev.latchkey.events.Actor actor, Token revoked, String reason,
                                                String recordReason, Instant now) {
        return List.of(events.revoked(actor, revoked, reason, now), events.revocation(actor, revoked, recordReason, now));
    }

    // ---------------------------------------------------------------- helpers

    private Uni<Token> locked(SqlConnection tx, Caller caller, UUID id) {
        return tokens.findByIdForUpdate(tx, caller.tenant(), id)
                .chain(t -> access.manageable(tx, caller, t, id.toString()));
    }

    private Uni<Void> uniqueName(SqlConnection tx, Token t, UUID except, Instant now) {
        return tokens.liveNameExists(tx, t.tenant(), t.ownerType(), t.ownerId(), t.name(), except, now)
                .invoke(exists -> {
                    if (exists) {
                        throw TokenRules.nameTaken(t.name());
                    }
                }).replaceWithVoid();
    }

    private static void requireLive(Token t, Instant now, String verb) {
        if (t.isRevoked()) {
            throw ProblemException.conflict("token " + t.id() + " is revoked and cannot be " + verb);
        }
        if (t.isExpired(now)) {
            throw ProblemException.conflict("token " + t.id() + " has expired and cannot be " + verb
                    + "; regenerate it to get a new value");
        }
    }

    /** Regenerating without an expiration keeps the token's lifetime length (or no expiration). */
    private static Expiry sameLifetime(Token t, Instant now) {
        if (t.expiresAt() == null) {
            return Expiry.NEVER;
        }
        Instant start = t.regeneratedAt() != null ? t.regeneratedAt() : t.createdAt();
        Duration lifetime = Duration.between(start, t.expiresAt());
        return Expiry.in(now, lifetime.isNegative() || lifetime.isZero() ? TokenRules.DEFAULT_LIFETIME : lifetime);
    }
}
