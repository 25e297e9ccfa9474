package dev.latchkey.audit.rest.model;

import java.util.List;

/** A page of the trail, newest first; {@code next} is the URL of the following page or null. */
public record AuditPage(List<AuditEvent> items, String next) {
}
