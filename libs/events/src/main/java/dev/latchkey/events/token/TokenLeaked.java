package dev.latchkey.events.token;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/**
 * A token's value was reported as found in public (e.g. by a secret scanner) and was revoked for that reason
 * (a {@link TokenRevoked} with reason {@code leaked} follows). The owner should find out where it leaked.
 */
public record TokenLeaked(String tenant, Actor actor, Target target, Instant occurredAt, TokenInfo token)
        implements EventData {
}
