package dev.latchkey.console.web;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;

/** Template helpers: how times and lists read on the pages. */
@TemplateExtension(namespace = "fmt")
public final class Formats {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** An RFC 3339 time as {@code 2026-12-02 06:00 UTC}; {@code ifNone} when absent. */
    public static String time(Object value, String ifNone) {
        if (value == null || value.toString().isBlank()) {
            return ifNone;
        }
        try {
            return SHOWN.format(OffsetDateTime.parse(value.toString()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return SHOWN.format(Instant.parse(value.toString()));
            } catch (DateTimeParseException again) {
                return value.toString();
            }
        }
    }

    /** A JSON list as {@code a, b, c}; {@code ifNone} when empty. */
    public static String list(Object value, String ifNone) {
        if (value instanceof Collection<?> c && !c.isEmpty()) {
            return String.join(", ", c.stream().map(String::valueOf).toList());
        }
        return ifNone;
    }

    /** Whether a JSON list contains the scope {@code entity:operation}. */
    public static boolean hasScope(Object value, Object entity, Object operation) {
        return has(value, entity + ":" + operation);
    }

    /** Whether a JSON list contains {@code item}. */
    public static boolean has(Object value, Object item) {
        return value instanceof Collection<?> c && c.contains(item);
    }
}
