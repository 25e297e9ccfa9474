package dev.latchkey.audit.rest.model;

import jakarta.validation.constraints.NotNull;

/** {@code PUT /api/v2/audit/retention} body. */
public record RetentionUpdate(@NotNull(message = "is required") Integer retentionDays) {
}
