package dev.latchkey.token.service;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.events.credential.CredentialRevoked;
import dev.latchkey.events.credential.RevocationScope;
import dev.latchkey.events.token.TokenCreated;
import dev.latchkey.events.token.TokenEvents;
import dev.latchkey.events.token.TokenExpiring;
import dev.latchkey.events.token.TokenInfo;
import dev.latchkey.events.token.TokenLeaked;
import dev.latchkey.events.token.TokenOwner;
import dev.latchkey.events.token.TokenPolicyInfo;
import dev.latchkey.events.token.TokenPolicyUpdated;
import dev.latchkey.events.token.TokenReassigned;
import dev.latchkey.events.token.TokenRegenerated;
import dev.latchkey.events.token.TokenRevoked;
import dev.latchkey.events.token.TokenUpdated;
import dev.latchkey.token.config.TokenConfig;
import dev.latchkey.token.repository.Token;
import dev.latchkey.token.repository.TokenPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds the events of token changes (DESIGN.md §7): state only, never the value or its hash. */
@ApplicationScoped
public class TokenEventFactory {
    /** Revocation reasons on {@code latchkey.credential.revocations}. */
    public static final String REVOKED = "revoked";
    public static final String REGENERATED = "regenerated";
    public static final String REASSIGNED = "reassigned";
    public static final String OWNER_DISABLED = "owner_disabled";
    public static final String OWNER_DELETED = "owner_deleted";
    public static final String LEAKED = "leaked";
    public static final String BULK_REVOKED = "bulk_revoked";

    private final String source;

    TokenEventFactory(TokenConfig config) {
        this.source = config.eventSource();
    }

    public EventEnvelope created(Actor actor, Token t, Instant now) {
        return EventEnvelope.of(source, TokenEvents.CREATED, new TokenCreated(t.tenant(), actor, target(t), now, info(t, now)));
    }

    public EventEnvelope updated(Actor actor, Token t, List<String> changes, Instant now) {
        return EventEnvelope.of(source, TokenEvents.UPDATED,
                new TokenUpdated(t.tenant(), actor, target(t), now, info(t, now), changes));
    }

    public EventEnvelope regenerated(Actor actor, Token t, Instant now) {
        return EventEnvelope.of(source, TokenEvents.REGENERATED,
                new TokenRegenerated(t.tenant(), actor, target(t), now, info(t, now)));
    }

    public EventEnvelope reassigned(Actor actor, Token t, String previousType, String previousId, Instant now) {
        return EventEnvelope.of(source, TokenEvents.REASSIGNED, new TokenReassigned(t.tenant(), actor, target(t), now,
                info(t, now), new TokenOwner(previousType, previousId)));
    }

    public EventEnvelope revoked(Actor actor, Token t, String reason, Instant now) {
        return EventEnvelope.of(source, TokenEvents.REVOKED,
                new TokenRevoked(t.tenant(), actor, target(t), now, info(t, now), reason));
    }

    public EventEnvelope expiring(Token t, int leadTimeDays, Instant now) {
        return EventEnvelope.of(source, TokenEvents.EXPIRING, new TokenExpiring(t.tenant(),
                Actor.system("token-service.expiry-notices"), target(t), now, info(t, now), leadTimeDays));
    }

    public EventEnvelope leaked(Token t, Instant now) {
        return EventEnvelope.of(source, TokenEvents.LEAKED,
                new TokenLeaked(t.tenant(), Actor.system("token-service.leak-report"), target(t), now, info(t, now)));
    }

    public EventEnvelope policyUpdated(Actor actor, TokenPolicy previous, TokenPolicy policy, List<String> changes,
                                       Instant now) {
        return EventEnvelope.of(source, TokenEvents.POLICY_UPDATED, new TokenPolicyUpdated(policy.tenant(), actor,
                new Target(TokenPolicyUpdated.TARGET_TYPE, policy.tenant()), now, policyInfo(previous),
                policyInfo(policy), changes));
    }

    /** The fields of the policy that differ, in the contract's names. */
    public static List<String> policyChanges(TokenPolicy a, TokenPolicy b) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(a.maxLifetimeDays(), b.maxLifetimeDays())) {
            changes.add("maxLifetimeDays");
        }
        if (a.allowNoExpiration() != b.allowNoExpiration()) {
            changes.add("allowNoExpiration");
        }
        if (!Objects.equals(a.maxPersonalTokensPerMember(), b.maxPersonalTokensPerMember())) {
            changes.add("maxPersonalTokensPerMember");
        }
        if (a.requireServiceAccountOwner() != b.requireServiceAccountOwner()) {
            changes.add("requireServiceAccountOwner");
        }
        if (!List.copyOf(a.expiryNoticeDays()).equals(List.copyOf(b.expiryNoticeDays()))) {
            changes.add("expiryNoticeDays");
        }
        return changes;
    }

    private static TokenPolicyInfo policyInfo(TokenPolicy p) {
        return new TokenPolicyInfo(p.maxLifetimeDays(), p.allowNoExpiration(), p.maxPersonalTokensPerMember(),
                p.requireServiceAccountOwner(), List.copyOf(p.expiryNoticeDays()));
    }

    /** The compacted revocation record {@code token:<id>}: caches of verifiers drop the token's answer. */
    public EventEnvelope revocation(Actor actor, Token t, String reason, Instant now) {
        CredentialRevoked r = new CredentialRevoked(t.tenant(), actor, target(t), now, RevocationScope.TOKEN,
                t.id().toString(), now, t.expiresAt(), reason);
        return EventEnvelope.of(source, CredentialEvents.REVOKED, r).withKey(r.key());
    }

    public static TokenInfo info(Token t, Instant now) {
        return new TokenInfo(t.id().toString(), t.name(), t.ownerType(), t.ownerId(), t.scopes(), t.visibility(),
                t.allowedOrigins(), t.expiresAt(), t.status(now));
    }

    private static Target target(Token t) {
        return new Target("token", t.id().toString());
    }
}
