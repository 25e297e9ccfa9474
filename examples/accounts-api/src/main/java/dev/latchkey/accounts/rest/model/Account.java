package dev.latchkey.accounts.rest.model;

import java.util.Map;

/** An account of the sample backend. */
public record Account(String id, String name, Map<String, String> attributes) {
}
