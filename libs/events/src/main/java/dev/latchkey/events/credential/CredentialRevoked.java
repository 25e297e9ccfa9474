package dev.latchkey.events.credential;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.Target;

import java.time.Instant;

/**
 * A record on {@code latchkey.credential.revocations}. Verifiers reject a credential of {@link #scope} /
 * {@link #value} issued (JWT {@code iat}) before {@link #notBefore}, drop every cached verification of it
 * fetched before that time, and may forget the record after {@link #expiresAt} (when every credential it
 * could apply to has expired anyway; {@code null} = never). {@code reason} is for logs and audit, e.g.
 * {@code revoked}, {@code regenerated}, {@code owner_disabled}, {@code tenant_suspended}.
 */
public record CredentialRevoked(String tenant, Actor actor, Target target, Instant occurredAt,
                                RevocationScope scope, String value, Instant notBefore, Instant expiresAt,
                                String reason) implements EventData {

    /** The compacted topic's record key. */
    public String key() {
        return scope.key(value);
    }
}
