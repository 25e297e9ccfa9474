package dev.latchkey.oauth.rest.model;

import java.time.Instant;
import java.util.List;

/** An application as the API shows it: never the secret or its hash, only a hint. */
public record ApplicationView(String id, String clientId, String name, String grantType, List<String> redirectUris,
                              String actingMemberId, List<String> scopes, int accessTokenLifetimeSeconds,
                              boolean mutualTls, String clientSecretHint, Instant previousSecretValidUntil,
                              Instant createdAt, Instant updatedAt) {
}
