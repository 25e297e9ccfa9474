package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A member was removed for good (only possible when no live token of theirs remains). */
public record MemberDeleted(String tenant, Actor actor, Target target, Instant occurredAt, MemberInfo member)
        implements EventData {
}
