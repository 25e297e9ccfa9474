package dev.latchkey.oauth.model;

import dev.latchkey.events.oauth.ApplicationState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An OAuth application (entity: never leaves the service). Holds hashes, never a secret. */
public record Application(UUID id, String tenant, String clientId, String name, GrantType grantType,
                          List<String> redirectUris, String actingMemberId, List<String> scopes,
                          int accessTokenTtl, boolean mtls, String secretHash, String secretHint,
                          String previousSecretHash, Instant previousSecretValidUntil, String createdBy,
                          Instant createdAt, Instant updatedAt) {

    public Application {
        redirectUris = List.copyOf(redirectUris);
        scopes = List.copyOf(scopes);
    }

    public ApplicationState state() {
        return new ApplicationState(id.toString(), clientId, name, grantType.value(), redirectUris, actingMemberId,
                scopes, accessTokenTtl, mtls);
    }

    public Application withSettings(String newName, List<String> newRedirects, List<String> newScopes, int newTtl,
                                    Instant now) {
        return new Application(id, tenant, clientId, newName, grantType, newRedirects, actingMemberId, newScopes, newTtl,
                mtls, secretHash, secretHint, previousSecretHash, previousSecretValidUntil, createdBy, createdAt, now);
    }

    public Application withSecret(String newHash, String newHint, String previousHash, Instant previousValidUntil,
                                  Instant now) {
        return new Application(id, tenant, clientId, name, grantType, redirectUris, actingMemberId, scopes,
                accessTokenTtl, mtls, newHash, newHint, previousHash, previousValidUntil, createdBy, createdAt, now);
    }
}
