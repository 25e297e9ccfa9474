package dev.latchkey.audit.service;

import java.time.Instant;

/**
 * What a caller asks of the trail: all optional but the tenant. {@code actionPrefix} matches the start of the
 * CloudEvents type ({@code latchkey.token.} = every token-service event).
 */
public record AuditFilter(String tenant, String actorType, String actorId, String actionPrefix, String targetType,
                          String targetId, Instant from, Instant to) {
}
