package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A member's role changed; a demotion narrows what their credentials may do at once. */
public record MemberRoleChanged(String tenant, Actor actor, Target target, Instant occurredAt, MemberInfo member, String previousRole)
        implements EventData {
}
