package dev.latchkey.events.oauth;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;
import java.time.Instant;

/** {@code latchkey.oauth.certificate.renewed.v1}: An OAuth application's client certificate was replaced by a new one. Never carries a secret. */
public record CertificateRenewed(
        String tenant,
        Actor actor,
        Target target,
        Instant occurredAt,
        String applicationId,
        String clientId,
        String serialNumber,
        String thumbprint,
        Instant notBefore,
        Instant notAfter,
        String previousSerialNumber) implements EventData {
}
