package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A disabled member is active again. */
public record MemberEnabled(String tenant, Actor actor, Target target, Instant occurredAt, MemberInfo member)
        implements EventData {
}
