package dev.latchkey.oauth.rest.model;

import java.util.List;

/**
 * Registration of an OAuth application. {@code grantType}: {@code authorization_code} (with {@code redirectUris})
 * or {@code client_credentials} (with {@code actingMemberId}). Lifetime defaults to (and is at most) 86400 s.
 */
public record ApplicationRequest(String name, String grantType, List<String> redirectUris, String actingMemberId,
                                 List<String> scopes, Integer accessTokenLifetimeSeconds, Boolean mutualTls) {
}
