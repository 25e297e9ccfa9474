package dev.latchkey.events.token;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A token expires within {@link #leadTimeDays} days (one event per token and policy lead time). */
public record TokenExpiring(String tenant, Actor actor, Target target, Instant occurredAt, TokenInfo token,
                            int leadTimeDays) implements EventData {
}
