package dev.latchkey.events.oauth;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;
import java.time.Instant;

/** {@code latchkey.oauth.certificate.issued.v1}: A client certificate was issued to an OAuth application (mutual TLS). Never carries a secret. */
public record CertificateIssued(
        String tenant,
        Actor actor,
        Target target,
        Instant occurredAt,
        String applicationId,
        String clientId,
        String serialNumber,
        String thumbprint,
        Instant notBefore,
        Instant notAfter) implements EventData {
}
