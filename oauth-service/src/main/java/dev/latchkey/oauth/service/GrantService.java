package dev.latchkey.oauth.service;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.model.Application;
import dev.latchkey.oauth.model.GrantType;
import dev.latchkey.oauth.model.MemberView;
import dev.latchkey.oauth.repository.GrantRepository;
import dev.latchkey.oauth.repository.GrantRepository.Code;
import dev.latchkey.oauth.repository.GrantRepository.IssuedAccess;
import dev.latchkey.oauth.repository.GrantRepository.RefreshToken;
import dev.latchkey.oauth.rest.model.TokenResponse;
import dev.latchkey.outbox.Outbox;
import dev.latchkey.verifier.OpaqueTokens;
import dev.latchkey.verifier.Scopes;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The grants of the token endpoint, each one pipeline: validate, generate, save. */
@ApplicationScoped
public class GrantService {
    private static final Pattern CODE_VERIFIER = Pattern.compile("^[A-Za-z0-9._~-]{43,128}$");

    private final AccessTokenIssuer issuer;
    private final ClientRegistry registry;
    private final GrantRepository grants;
    private final Outbox outbox;
    private final Pool pool;
    private final Scopes scopes;
    private final OAuthConfig config;
    private final Clock clock = Clock.systemUTC();

    GrantService(AccessTokenIssuer issuer, ClientRegistry registry, GrantRepository grants, Outbox outbox, Pool pool,
                 Scopes scopes, OAuthConfig config) {
        this.issuer = issuer;
        this.registry = registry;
        this.grants = grants;
        this.outbox = outbox;
        this.pool = pool;
        this.scopes = scopes;
        this.config = config;
    }

    // ---- client_credentials

    public Uni<TokenResponse> clientCredentials(ClientAuthenticator.AuthenticatedClient client, String scopeParam) {
        Application app = client.application();
        if (app.grantType() != GrantType.CLIENT_CREDENTIALS) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "This client is not registered for client_credentials.");
        }
        Set<String> requested = requestedScopes(scopeParam, app.scopes());
        return registry.member(app.tenant(), app.actingMemberId()).map(member -> {
            MemberView m = activeMember(member, "The member this application acts as");
            List<String> effective = effective(requested, m);
            AccessTokenIssuer.Issued token = issuer.issue(new AccessTokenIssuer.Request(app.tenant(), m.id(),
                    app.clientId(), effective, app.accessTokenTtl(), client.boundThumbprint()));
            return new TokenResponse(token.jwt(), "Bearer", app.accessTokenTtl(), String.join(" ", effective), null);
        });
    }

    // ---- authorization_code

    private record CodeOutcome(TokenResponse response, OAuthException error) {
    }

    public Uni<TokenResponse> authorizationCode(ClientAuthenticator.AuthenticatedClient client, String code,
                                                String redirectUri, String codeVerifier) {
        Application app = client.application();
        if (app.grantType() != GrantType.AUTHORIZATION_CODE) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "This client is not registered for authorization_code.");
        }
        require(code, "code");
        require(redirectUri, "redirect_uri");
        if (codeVerifier == null) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "code_verifier is required (PKCE).");
        }
        if (!OpaqueTokens.isWellFormed(code, OpaqueTokens.AUTHORIZATION_CODE)) {
            throw new OAuthException(OAuthError.INVALID_GRANT, "The authorization code is invalid.");
        }
        String hash = OpaqueTokens.sha256(code);
        Instant now = clock.instant();
        return pool.withTransaction(tx -> grants.consumeCode(tx, hash, app.id()).chain(consumed -> {
            if (consumed.isEmpty()) {
                return grants.findCode(tx, hash).chain(existing -> {
                    if (existing.isPresent() && existing.get().applicationId().equals(app.id()) && existing.get().usedAt() != null) {
                        Code replayed = existing.get();
                        Log.warnf("authorization code replayed for client %s: revoking what it issued", app.clientId());
                        return revokeIssuedByCode(tx, replayed, now).replaceWith(new CodeOutcome(null, new OAuthException(
                                OAuthError.INVALID_GRANT, "The authorization code was already used; the tokens issued with it are revoked.")));
                    }
                    return Uni.createFrom().item(new CodeOutcome(null,
                            new OAuthException(OAuthError.INVALID_GRANT, "The authorization code is invalid.")));
                });
            }
            Code c = consumed.get();
            if (!now.isBefore(c.expiresAt())) {
                return failed(OAuthError.INVALID_GRANT, "The authorization code has expired.");
            }
            if (!c.redirectUri().equals(redirectUri)) {
                return failed(OAuthError.INVALID_GRANT, "redirect_uri does not match the authorization request.");
            }
            if (!CODE_VERIFIER.matcher(codeVerifier).matches() || !OpaqueTokens.digestsEqual(s256(codeVerifier), c.codeChallenge())) {
                return failed(OAuthError.INVALID_GRANT, "code_verifier does not match the code_challenge (PKCE S256).");
            }
            return registry.member(c.tenant(), c.memberId()).chain(member -> {
                MemberView m;
                try {
                    m = activeMember(member, "The member who authorized this application");
                } catch (OAuthException e) {
                    return Uni.createFrom().item(new CodeOutcome(null, e));
                }
                List<String> effective = effective(c.scopes(), m);
                UUID family = UUID.randomUUID();
                return issueWithRefresh(tx, client, m, effective, family)
                        .call(r -> grants.recordCodeIssued(tx, hash, r.jti, r.exp, family))
                        .map(r -> new CodeOutcome(r.response, null));
            });
        })).map(GrantService::unwrap);
    }

    private Uni<Void> revokeIssuedByCode(SqlConnection tx, Code code, Instant now) {
        List<IssuedAccess> access = new ArrayList<>();
        if (code.accessJti() != null && code.accessExp() != null && code.accessExp().isAfter(now)) {
            access.add(new IssuedAccess(code.tenant(), code.accessJti(), code.accessExp()));
        }
        Uni<List<IssuedAccess>> family = code.refreshFamily() == null ? Uni.createFrom().item(List.of())
                : grants.revokeFamily(tx, code.refreshFamily());
        return family.chain(more -> {
            access.addAll(more);
            return revokeAccess(tx, access, now, "authorization_code_replayed");
        });
    }

    // ---- refresh_token

    public Uni<TokenResponse> refresh(ClientAuthenticator.AuthenticatedClient client, String refreshToken, String scopeParam) {
        Application app = client.application();
        if (app.grantType() != GrantType.AUTHORIZATION_CODE) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "This client is not registered for refresh_token.");
        }
        require(refreshToken, "refresh_token");
        if (!OpaqueTokens.isWellFormed(refreshToken, OpaqueTokens.REFRESH_TOKEN)) {
            throw new OAuthException(OAuthError.INVALID_GRANT, "The refresh token is invalid.");
        }
        String hash = OpaqueTokens.sha256(refreshToken);
        Instant now = clock.instant();
        return pool.withTransaction(tx -> grants.useRefresh(tx, hash, app.id()).chain(used -> {
            if (used.isEmpty()) {
                return grants.findRefresh(tx, hash).chain(existing -> {
                    if (existing.isPresent() && existing.get().applicationId().equals(app.id())
                            && existing.get().usedAt() != null && existing.get().revokedAt() == null) {
                        Log.warnf("refresh token reused for client %s: revoking its family", app.clientId());
                        return grants.revokeFamily(tx, existing.get().familyId())
                                .chain(access -> revokeAccess(tx, access, now, "refresh_token_reused"))
                                .replaceWith(new CodeOutcome(null, new OAuthException(OAuthError.INVALID_GRANT,
                                        "The refresh token was already used; every token of its family is revoked.")));
                    }
                    return Uni.createFrom().item(new CodeOutcome(null,
                            new OAuthException(OAuthError.INVALID_GRANT, "The refresh token is invalid or revoked.")));
                });
            }
            RefreshToken old = used.get();
            if (!now.isBefore(old.expiresAt())) {
                return failed(OAuthError.INVALID_GRANT, "The refresh token has expired.");
            }
            Set<String> requested;
            try {
                requested = requestedScopes(scopeParam, old.scopes());
            } catch (OAuthException e) {
                return Uni.createFrom().item(new CodeOutcome(null, e));
            }
            return registry.member(old.tenant(), old.memberId()).chain(member -> {
                MemberView m;
                try {
                    m = activeMember(member, "The member who authorized this application");
                } catch (OAuthException e) {
                    return Uni.createFrom().item(new CodeOutcome(null, e));
                }
                return issueWithRefresh(tx, client, m, effective(requested, m), old.familyId())
                        .map(r -> new CodeOutcome(r.response, null));
            });
        })).map(GrantService::unwrap);
    }

    private record IssuedPair(TokenResponse response, String jti, Instant exp) {
    }

    private Uni<IssuedPair> issueWithRefresh(SqlConnection tx, ClientAuthenticator.AuthenticatedClient client, MemberView m,
                                             List<String> effective, UUID family) {
        Application app = client.application();
        AccessTokenIssuer.Issued token = issuer.issue(new AccessTokenIssuer.Request(app.tenant(), m.id(), app.clientId(),
                effective, app.accessTokenTtl(), client.boundThumbprint()));
        String refresh = OpaqueTokens.generate(OpaqueTokens.REFRESH_TOKEN);
        Instant now = clock.instant();
        RefreshToken row = new RefreshToken(OpaqueTokens.sha256(refresh), family, app.tenant(), app.id(), m.id(),
                effective, now.plus(config.refreshTokenTtl()), null, null, token.jti(), token.expiresAt());
        return grants.insertRefresh(tx, row).replaceWith(new IssuedPair(new TokenResponse(token.jwt(), "Bearer",
                app.accessTokenTtl(), String.join(" ", effective), refresh), token.jti(), token.expiresAt()));
    }

    /** Revoked jtis (for introspection) plus one {@code jti:} record each for the verifiers. */
    public Uni<Void> revokeAccess(SqlConnection tx, List<IssuedAccess> access, Instant now, String reason) {
        if (access.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<EventEnvelope> events = access.stream()
                .map(a -> Revocations.jti(a.tenant(), Actor.system("oauth-service"), a.jti(), a.exp(), now, reason)).toList();
        return grants.revokeJtis(tx, access).chain(() -> outbox.append(tx, events));
    }

    // ---- shared rules

    private Set<String> requestedScopes(String scopeParam, Collection<String> allowed) {
        if (scopeParam == null || scopeParam.isBlank()) {
            return new java.util.LinkedHashSet<>(allowed);
        }
        Set<String> requested = Scopes.parseList(scopeParam);
        var errors = scopes.validate(requested);
        if (!errors.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, errors.get(0).message());
        }
        for (String s : requested) {
            if (!Scopes.impliesAny(allowed, s)) {
                throw new OAuthException(OAuthError.INVALID_SCOPE, "Scope " + s + " was not granted to this client.");
            }
        }
        return requested;
    }

    private List<String> effective(Collection<String> requested, MemberView member) {
        List<String> effective = new ArrayList<>(scopes.effective(requested, Scopes.PRINCIPAL_MEMBER, member.role()));
        if (effective.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, "None of the requested scopes is allowed by the member's role.");
        }
        java.util.Collections.sort(effective);
        return effective;
    }

    private static MemberView activeMember(Optional<MemberView> member, String who) {
        if (member.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_GRANT, who + " is unknown.");
        }
        if (!member.get().isActive()) {
            throw new OAuthException(OAuthError.INVALID_GRANT, who + " is " + ("suspended".equals(member.get().tenantStatus())
                    ? "in a suspended tenant" : member.get().status()) + ".");
        }
        return member.get();
    }

    private static void require(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, name + " is required.");
        }
    }

    private static Uni<CodeOutcome> failed(OAuthError error, String description) {
        return Uni.createFrom().item(new CodeOutcome(null, new OAuthException(error, description)));
    }

    private static TokenResponse unwrap(CodeOutcome o) {
        if (o.error != null) {
            throw o.error;
        }
        return o.response;
    }

    public static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
