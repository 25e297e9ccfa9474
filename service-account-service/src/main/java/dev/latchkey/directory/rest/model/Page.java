package dev.latchkey.directory.rest.model;

import java.util.List;

/** One page of a list; {@code next} is the URL of the next page, {@code null} on the last. */
public record Page<T>(List<T> items, String next) {
}
