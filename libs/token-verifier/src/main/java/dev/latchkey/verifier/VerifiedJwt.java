package dev.latchkey.verifier;

import java.time.Instant;
import java.util.Set;

/** The claims of an RFC 9068 access token whose signature, typ, iss, aud, exp and nbf were checked. */
public record VerifiedJwt(String issuer, String subject, String ownerType, String tenant, String jti,
                          String clientId, Set<String> scope, Instant issuedAt, Instant expiresAt,
                          String certificateThumbprint) {
}
