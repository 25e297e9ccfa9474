package dev.latchkey.events.token;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A new API token; its value was shown once to {@link #actor}. */
public record TokenCreated(String tenant, Actor actor, Target target, Instant occurredAt, TokenInfo token)
        implements EventData {
}
