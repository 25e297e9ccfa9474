package dev.latchkey.token.rest.model;

import java.time.OffsetDateTime;
import java.util.List;

/** {@code PATCH /api/v1/tokens/{id}}: only the fields present change. Never the secret. */
public record UpdateTokenRequest(String name, String expiration, OffsetDateTime expiresAt,
                                 List<String> allowedOrigins) {
}
