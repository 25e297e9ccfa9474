package dev.latchkey.events.token;

import dev.latchkey.events.EventType;
import dev.latchkey.events.Topics;

import java.util.List;

/**
 * Contracts published on {@code dev.latchkey.events.Topics#TOKEN_EVENTS} by token-service: API tokens and the
 * tenants' token policies.
 */
public final class TokenEvents {
    public static final EventType<TokenCreated> CREATED = type("created", TokenCreated.class);
    public static final EventType<TokenUpdated> UPDATED = type("updated", TokenUpdated.class);
    public static final EventType<TokenRegenerated> REGENERATED = type("regenerated", TokenRegenerated.class);
    public static final EventType<TokenReassigned> REASSIGNED = type("reassigned", TokenReassigned.class);
    public static final EventType<TokenRevoked> REVOKED = type("revoked", TokenRevoked.class);
    public static final EventType<TokenExpiring> EXPIRING = type("expiring", TokenExpiring.class);
    public static final EventType<TokenLeaked> LEAKED = type("leaked", TokenLeaked.class);
    public static final EventType<TokenPolicyUpdated> POLICY_UPDATED = new EventType<>(
            "latchkey.token.policy.updated.v1", Topics.TOKEN_EVENTS, TokenPolicyUpdated.class);

    public static final List<EventType<?>> ALL = List.of(CREATED, UPDATED, REGENERATED, REASSIGNED, REVOKED,
            EXPIRING, LEAKED, POLICY_UPDATED);

    private static <T extends dev.latchkey.events.EventData> EventType<T> type(String verb, Class<T> data) {
        return new EventType<>("latchkey.token.token." + verb + ".v1", Topics.TOKEN_EVENTS, data);
    }

    private TokenEvents() {
    }
}
