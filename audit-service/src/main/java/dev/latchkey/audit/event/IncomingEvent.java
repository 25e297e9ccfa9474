package dev.latchkey.audit.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A well-formed CloudEvent read from Kafka, reduced to what the audit trail stores; not yet in a chain.
 *
 * @param actorName   display name carried by the event itself, if any
 * @param nameUpdate  a member's or service account's current name when the event describes one (directory
 *                    events carry the aggregate's full state), so later records can name that actor
 */
public record IncomingEvent(String tenant, String eventId, String type, String source, String subject,
                            String actorType, String actorId, String actorName, String targetType, String targetId,
                            Instant occurredAt, String clientIp, String userAgent, ObjectNode data,
                            PrincipalName nameUpdate) {

    public record PrincipalName(String type, String id, String name) {
    }
}
