package dev.latchkey.oauth.rest.model;

import java.time.Instant;

/** A certificate an application registered for {@code self_signed_tls_client_auth}. */
public record SelfSignedCertificate(String thumbprint, String serialNumber, Instant notBefore, Instant notAfter,
                                    Instant createdAt) {
}
