package dev.latchkey.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One stored audit record (the entity; it never leaves the service as is). {@code chainSeq} is its position in
 * its tenant's chain, {@code prevHash} the hash of the tenant's previous record (or of the retention anchor, or
 * {@link ChainHasher#GENESIS}), {@code hash} = {@link ChainHasher#hash(AuditRecord)}.
 */
public record AuditRecord(Long seq, String tenant, long chainSeq, String eventId, String type, String source,
                          String subject, String actorType, String actorId, String actorName, String targetType,
                          String targetId, Instant occurredAt, Instant receivedAt, String clientIp,
                          String userAgent, JsonNode data, String prevHash, String hash) {
}
