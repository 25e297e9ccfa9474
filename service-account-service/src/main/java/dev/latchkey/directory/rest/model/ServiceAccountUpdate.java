package dev.latchkey.directory.rest.model;

import java.util.List;

/** Fields to change; absent = unchanged, an empty description clears it, {@code managers} replaces the list. */
public record ServiceAccountUpdate(String name, String description, List<String> managers) {
}
