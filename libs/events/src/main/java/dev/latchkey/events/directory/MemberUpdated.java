package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;
import java.util.List;

/** A member's profile changed; {@link #changes} names the fields ({@code userName}, {@code email}, {@code displayName}). */
public record MemberUpdated(String tenant, Actor actor, Target target, Instant occurredAt, MemberInfo member, List<String> changes)
        implements EventData {
}
