package dev.latchkey.token.service;

import dev.latchkey.events.Actor;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.Scopes;

import java.util.Set;

/** Who is calling: the authenticated principal (tenant, type, id) and its effective scopes. */
public record Caller(String tenant, String type, String id, Set<String> scopes) {

    public static Caller of(LatchkeyPrincipal p) {
        return new Caller(p.tenant(), p.principalType(), p.principalId(), p.scopes());
    }

    public boolean hasScope(String required) {
        return Scopes.impliesAny(scopes, required);
    }

    public boolean is(String ownerType, String ownerId) {
        return type.equals(ownerType) && id.equals(ownerId);
    }

    public Actor actor() {
        return new Actor(type, id);
    }
}
