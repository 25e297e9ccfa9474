package dev.latchkey.audit.rest.model;

import java.time.Instant;

/** The caller's tenant's retention period; {@code isDefault} when it never set one. */
public record RetentionSettings(int retentionDays, boolean isDefault, Instant updatedAt, String updatedBy) {
}
