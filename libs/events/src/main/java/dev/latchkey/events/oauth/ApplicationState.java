package dev.latchkey.events.oauth;

import java.util.List;

/**
 * An OAuth application's full current state as events carry it, so a projection can upsert from any of them.
 * Never the client secret or its hash.
 */
public record ApplicationState(String id, String clientId, String name, String grantType, List<String> redirectUris,
                               String actingMemberId, List<String> scopes, int accessTokenLifetimeSeconds,
                               boolean mutualTls) {
}
