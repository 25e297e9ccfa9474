package dev.latchkey.events.token;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/**
 * A token was revoked, irreversibly. {@code reason}: {@code revoked} (by its owner or an admin),
 * {@code bulk_revoked} (admin inventory), {@code leaked} (reported by a secret scanner),
 * {@code owner_deleted} (its service account or member was deleted).
 */
public record TokenRevoked(String tenant, Actor actor, Target target, Instant occurredAt, TokenInfo token,
                           String reason) implements EventData {
}
