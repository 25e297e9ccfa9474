package dev.latchkey.events.token;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A token got a new secret; the previous one stopped working at {@link #occurredAt}. */
public record TokenRegenerated(String tenant, Actor actor, Target target, Instant occurredAt, TokenInfo token)
        implements EventData {
}
