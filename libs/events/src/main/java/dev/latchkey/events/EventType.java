package dev.latchkey.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One event contract: its CloudEvents type ({@code latchkey.<context>.<aggregate>.<verb>.v1}), the topic it
 * is published on, the record that carries its data, and the JSON Schema on the classpath that describes it.
 */
public record EventType<T extends EventData>(String type, String topic, Class<T> dataClass) {
    private static final Pattern TYPE = Pattern.compile("^latchkey\\.[a-z_]+\\.[a-z_]+\\.[a-z_]+\\.v[0-9]+$");

    public EventType {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(dataClass, "dataClass");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type must read latchkey.<context>.<aggregate>.<verb>.v<n>: " + type);
        }
    }

    /** Classpath resource of this type's JSON Schema. */
    public String schemaResource() {
        return "latchkey/events/schemas/" + type + ".json";
    }
}
