package dev.latchkey.oauth.service;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.events.credential.CredentialRevoked;
import dev.latchkey.events.credential.RevocationScope;

import java.time.Instant;

/** Builds the records for {@code latchkey.credential.revocations} (keyed {@code <scope>:<value>}). */
public final class Revocations {
    public static final String SOURCE = "/oauth-service";
    /** Longest access-token lifetime: after it, a client/subject revocation can no longer match anything. */
    private static final long MAX_ACCESS_TOKEN_SECONDS = 86_400;

    private Revocations() {
    }

    /** Every token issued to one client ({@code client:<tenant>:<clientId>}). */
    public static EventEnvelope client(String tenant, Actor actor, String applicationId, String clientId, Instant now,
                                       String reason) {
        return envelope(new CredentialRevoked(tenant, actor, new Target("oauth_application", applicationId), now,
                RevocationScope.CLIENT, tenant + ":" + clientId, now, now.plusSeconds(MAX_ACCESS_TOKEN_SECONDS), reason));
    }

    /** Every credential of one member ({@code subject:<tenant>:<memberId>}). */
    public static EventEnvelope subject(String tenant, Actor actor, String memberId, Instant now, String reason) {
        return envelope(new CredentialRevoked(tenant, actor, new Target("member", memberId), now,
                RevocationScope.SUBJECT, tenant + ":" + memberId, now, now.plusSeconds(MAX_ACCESS_TOKEN_SECONDS), reason));
    }

    /** One access token ({@code jti:<jti>}), forgettable after its exp. */
    public static EventEnvelope jti(String tenant, Actor actor, String jti, Instant exp, Instant now, String reason) {
        return envelope(new CredentialRevoked(tenant, actor, new Target("access_token", jti), now,
                RevocationScope.JTI, jti, now, exp, reason));
    }

    private static EventEnvelope envelope(CredentialRevoked data) {
        return EventEnvelope.of(SOURCE, CredentialEvents.REVOKED, data).withKey(data.key());
    }
}
