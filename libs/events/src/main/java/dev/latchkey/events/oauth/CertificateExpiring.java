package dev.latchkey.events.oauth;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;
import java.time.Instant;

/** {@code latchkey.oauth.certificate.expiring.v1}: An OAuth application's client certificate expires soon, renew it. Never carries a secret. */
public record CertificateExpiring(
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
        int leadTimeDays) implements EventData {
}
