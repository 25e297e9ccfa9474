package dev.latchkey.token.config;

import dev.latchkey.events.Actor;
import dev.latchkey.events.Target;
import dev.latchkey.events.credential.CredentialRevoked;
import dev.latchkey.events.credential.CredentialUsageReported;
import dev.latchkey.events.credential.RevocationScope;
import dev.latchkey.events.token.TokenCreated;
import dev.latchkey.events.token.TokenExpiring;
import dev.latchkey.events.token.TokenInfo;
import dev.latchkey.events.token.TokenLeaked;
import dev.latchkey.events.token.TokenOwner;
import dev.latchkey.events.token.TokenPolicyInfo;
import dev.latchkey.events.token.TokenPolicyUpdated;
import dev.latchkey.events.token.TokenReassigned;
import dev.latchkey.events.token.TokenRegenerated;
import dev.latchkey.events.token.TokenRevoked;
import dev.latchkey.events.token.TokenUpdated;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Event records this service writes and reads with Jackson outside REST resources (EventJson): native images need them. */
@RegisterForReflection(targets = {Actor.class, Target.class, CredentialRevoked.class, CredentialUsageReported.class,
        RevocationScope.class, TokenCreated.class, TokenUpdated.class, TokenRegenerated.class, TokenReassigned.class,
        TokenRevoked.class, TokenExpiring.class, TokenLeaked.class, TokenInfo.class, TokenOwner.class,
        TokenPolicyUpdated.class, TokenPolicyInfo.class})
final class NativeReflection {
    private NativeReflection() {
    }
}
