package dev.latchkey.events.authentication;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/**
 * Refusals of a credential seen by one verifier in one reporting interval (about a second), aggregated per
 * tenant, reason, credential and client address so that a flood of bad credentials cannot flood Kafka. Never
 * the credential itself: at most its id (token id or JWT {@code jti}) or, for an API token whose id is not
 * known, its display hint ({@code lkt_Ab…x9}).
 *
 * @param tenant         the credential's tenant when the verifier knows it; absent (null) when it does not (a
 *                       made-up, malformed or unknown credential)
 * @param actor          the credential's principal when known, else {@code anonymous}
 * @param target         {@code token} (API token id), {@code access_token} (JWT jti) or {@code credential}
 *                       (hint or {@code unknown})
 * @param occurredAt     the first refusal in the interval
 * @param reason         the verifier's failure reason ({@code expired}, {@code bad_checksum}, …)
 * @param count          refusals aggregated into this event (≥ 1)
 * @param lastAt         the last refusal in the interval
 * @param credentialKind {@code api_token} or {@code jwt} when the credential had that shape
 * @param credentialId   token id or jti, when known
 * @param credentialHint display hint of an API token, only when every aggregated refusal had the same one
 * @param clientIp       the client's address (a trusted proxy's X-Forwarded-For honoured)
 * @param overflow       true when this aggregate counts refusals beyond the verifier's per-interval bound of
 *                       distinct reports: only the reason (and tenant, if known) are kept then
 */
public record CredentialRefused(String tenant, Actor actor, Target target, Instant occurredAt, String reason,
                                long count, Instant lastAt, String credentialKind, String credentialId,
                                String credentialHint, String clientIp, Boolean overflow) implements EventData {
}
