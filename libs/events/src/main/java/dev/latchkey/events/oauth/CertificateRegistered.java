package dev.latchkey.events.oauth;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;
import java.time.Instant;

/** {@code latchkey.oauth.certificate.registered.v1}: An OAuth application registered a self-signed client certificate (self_signed_tls_client_auth). Never carries a secret. */
public record CertificateRegistered(
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
