package dev.latchkey.oauth.rest.model;

import java.util.List;

/** A page of a list; {@code next} is the URL of the following page, or null. */
public record Page<T>(List<T> items, String next) {
}
