package dev.latchkey.token.rest;

import dev.latchkey.token.repository.Token;
import dev.latchkey.token.rest.model.IssuedTokenView;
import dev.latchkey.token.rest.model.OwnerRef;
import dev.latchkey.token.rest.model.TokenPolicyView;
import dev.latchkey.token.rest.model.TokenView;
import dev.latchkey.token.repository.TokenPolicy;
import dev.latchkey.token.service.IssuedToken;

import java.time.Instant;

/** Entities → API models (never the hash). */
final class TokenMapper {
    private TokenMapper() {
    }

    static TokenView view(Token t, Boolean ownerActive) {
        return new TokenView(t.id().toString(), t.name(), new OwnerRef(t.ownerType(), t.ownerId()), t.scopes(),
                t.visibility(), t.allowedOrigins(), t.hint(), t.createdAt(),
                new OwnerRef(t.createdByType(), t.createdById()), t.expiresAt(), t.lastUsedAt(), t.lastUsedIp(),
                t.useCount(), t.status(Instant.now()), ownerActive, t.revokedAt());
    }

    static IssuedTokenView issued(IssuedToken i) {
        return new IssuedTokenView(i.value(), view(i.token(), true));
    }

    static TokenPolicyView policy(TokenPolicy p) {
        return new TokenPolicyView(p.maxLifetimeDays(), p.allowNoExpiration(), p.maxPersonalTokensPerMember(),
                p.requireServiceAccountOwner(), p.expiryNoticeDays(), p.updatedAt());
    }
}
