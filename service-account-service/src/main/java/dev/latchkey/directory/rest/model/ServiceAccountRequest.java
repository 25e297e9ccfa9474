package dev.latchkey.directory.rest.model;

import java.util.List;

/** Create a service account: name (DESIGN §3 rule), optional description and managers (member ids). */
public record ServiceAccountRequest(String name, String description, List<String> managers) {
}
