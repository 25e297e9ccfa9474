package dev.latchkey.token.rest.model;

import java.time.OffsetDateTime;

/** {@code POST /api/v1/tokens/{id}/regenerate}: optional new expiration; omitted = the same lifetime again. */
public record RegenerateTokenRequest(String expiration, OffsetDateTime expiresAt) {
}
