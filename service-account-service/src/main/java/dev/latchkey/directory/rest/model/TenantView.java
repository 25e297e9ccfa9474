package dev.latchkey.directory.rest.model;

import java.time.Instant;

/** A tenant as the platform operator sees it. */
public record TenantView(String serviceId, String name, String status, TenantLimitsModel limits, Instant createdAt,
                         Instant updatedAt) {
}
