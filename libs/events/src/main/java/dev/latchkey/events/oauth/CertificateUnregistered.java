package dev.latchkey.events.oauth;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;
import java.time.Instant;

/** {@code latchkey.oauth.certificate.unregistered.v1}: A self-signed client certificate of an OAuth application was removed; it authenticates no one any more. */
public record CertificateUnregistered(
        String tenant,
        Actor actor,
        Target target,
        Instant occurredAt,
        String applicationId,
        String clientId,
        String thumbprint) implements EventData {
}
