package dev.latchkey.token.rest.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code POST /api/v1/tokens}. {@code expiration} is one of {@code 7d 30d 60d 90d none}; or {@code expiresAt}
 * (a future time) instead; neither = {@code 30d} (or the policy's maximum when shorter). {@code owner} omitted =
 * the caller. {@code visibility} {@code private} (default) or {@code public} (service-account owners only, with
 * {@code allowedOrigins}).
 */
public record CreateTokenRequest(String name, List<String> scopes, String expiration, OffsetDateTime expiresAt,
                                 OwnerRef owner, String visibility, List<String> allowedOrigins) {
}
