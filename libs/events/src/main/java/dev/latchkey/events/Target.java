package dev.latchkey.events;

import java.util.Objects;

/** What a change was made to: an aggregate type ({@code token}, {@code member}, …) and its id. */
public record Target(String type, String id) {
    public Target {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }
}
