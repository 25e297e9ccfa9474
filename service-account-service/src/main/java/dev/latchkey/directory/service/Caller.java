package dev.latchkey.directory.service;

import dev.latchkey.events.Actor;
import dev.latchkey.verifier.LatchkeyPrincipal;

/** Who is calling: their tenant and principal, as the token-verifier established them. */
public record Caller(String tenant, String principalType, String principalId) {

    public static Caller of(LatchkeyPrincipal p) {
        return new Caller(p.tenant(), p.principalType(), p.principalId());
    }

    public Actor actor() {
        return new Actor(principalType, principalId);
    }
}
