package dev.latchkey.events.directory;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;
import java.util.List;

/** A tenant's name or limits changed; {@link #changes} names the fields ({@code name}, {@code limits}). */
public record TenantUpdated(String tenant, Actor actor, Target target, Instant occurredAt, TenantInfo tenantInfo, List<String> changes)
        implements EventData {
}
