package dev.latchkey.outbox;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.EventType;
import dev.latchkey.events.Target;

import java.time.Instant;

/** A test-only event contract. */
public record WidgetCreated(String tenant, Actor actor, Target target, Instant occurredAt, String name, int sequence)
        implements EventData {
    public static final String TOPIC = "latchkey.test.widgets";
    public static final EventType<WidgetCreated> TYPE = new EventType<>("latchkey.test.widget.created.v1", TOPIC, WidgetCreated.class);
}
