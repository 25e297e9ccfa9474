package dev.latchkey.events;

import java.time.Instant;

/**
 * The fields every event's data carries (DESIGN.md §7). Each event type is a record implementing this
 * interface, registered in {@link EventTypes} with its JSON Schema.
 */
public interface EventData {
    String tenant();

    Actor actor();

    Target target();

    Instant occurredAt();
}
