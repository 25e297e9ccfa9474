package dev.latchkey.verifier.quarkus;

import dev.latchkey.events.Actor;
import dev.latchkey.events.Target;
import dev.latchkey.events.authentication.CredentialRefused;
import dev.latchkey.events.credential.CredentialRevoked;
import dev.latchkey.events.credential.CredentialUsageReported;
import dev.latchkey.events.credential.RevocationScope;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Event contracts the verifier reads and writes with Jackson (reflection) outside Quarkus REST, which would not
 * register them for a native image by itself. Introspection answers are read as a tree (no reflection).
 */
@RegisterForReflection(targets = {CredentialRevoked.class, CredentialUsageReported.class, CredentialRefused.class,
        RevocationScope.class, Actor.class, Target.class})
final class NativeReflection {
    private NativeReflection() {
    }
}
