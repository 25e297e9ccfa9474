package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A member was disabled: their credentials stop working at once (a {@code subject:} revocation accompanies it). */
public record MemberDisabled(String tenant, Actor actor, Target target, Instant occurredAt, MemberInfo member)
        implements EventData {
}
