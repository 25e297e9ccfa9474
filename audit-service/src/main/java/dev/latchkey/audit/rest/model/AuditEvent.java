package dev.latchkey.audit.rest.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One audit record as the API shows it. {@code seq} is its position in the tenant's chain, {@code hash} covers
 * every other field plus {@code prevHash} (see the README for the exact canonical form).
 */
public record AuditEvent(long seq, String id, String type, String source, String subject, String tenant,
                         Party actor, Party target, Instant occurredAt, Instant receivedAt, String clientIp,
                         String userAgent, JsonNode data, String prevHash, String hash) {

    /** {@code name} only for actors, when known. */
    public record Party(String type, String id, String name) {
    }
}
