package dev.latchkey.oauth.service;

import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.model.Application;
import dev.latchkey.oauth.repository.GrantRepository;
import dev.latchkey.oauth.repository.GrantRepository.IssuedAccess;
import dev.latchkey.verifier.OpaqueTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** RFC 7009 revocation and RFC 7662 introspection of the tokens this server issued. */
@ApplicationScoped
public class TokenStateService {
    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final SigningKeys keys;
    private final GrantRepository grants;
    private final GrantService grantService;
    private final ClientRegistry registry;
    private final Pool pool;
    private final OAuthConfig config;
    private final Clock clock = Clock.systemUTC();

    TokenStateService(SigningKeys keys, GrantRepository grants, GrantService grantService, ClientRegistry registry,
                      Pool pool, OAuthConfig config) {
        this.keys = keys;
        this.grants = grants;
        this.grantService = grantService;
        this.registry = registry;
        this.pool = pool;
        this.config = config;
    }

    /** Always succeeds (RFC 7009 §2.2): an unknown token, or another client's, changes nothing. */
    public Uni<Void> revoke(ClientAuthenticator.AuthenticatedClient client, String token) {
        Application app = client.application();
        Instant now = clock.instant();
        if (OpaqueTokens.isWellFormed(token, OpaqueTokens.REFRESH_TOKEN)) {
            return pool.withTransaction(tx -> grants.findRefresh(tx, OpaqueTokens.sha256(token)).chain(found -> {
                if (found.isEmpty() || !found.get().applicationId().equals(app.id())) {
                    return Uni.createFrom().voidItem();
                }
                return grants.revokeFamily(tx, found.get().familyId())
                        .chain(access -> grantService.revokeAccess(tx, access, now, "revoked_by_client"));
            }));
        }
        Optional<JwtClaims> claims = verify(token);
        if (claims.isEmpty() || !app.clientId().equals(claims.get().getClaimValueAsString("client_id"))) {
            return Uni.createFrom().voidItem();
        }
        try {
            IssuedAccess access = new IssuedAccess(app.tenant(), claims.get().getJwtId(),
                    Instant.ofEpochSecond(claims.get().getExpirationTime().getValue()));
            return pool.withTransaction(tx -> grantService.revokeAccess(tx, List.of(access), now, "revoked_by_client"));
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            return Uni.createFrom().voidItem();
        }
    }

    /** Active only for a live token of the caller's tenant. */
    public Uni<Map<String, Object>> introspect(ClientAuthenticator.AuthenticatedClient client, String token) {
        String tenant = client.application().tenant();
        Instant now = clock.instant();
        if (OpaqueTokens.isWellFormed(token, OpaqueTokens.REFRESH_TOKEN)) {
            return grants.findRefresh(pool, OpaqueTokens.sha256(token)).chain(found -> {
                if (found.isEmpty() || !found.get().tenant().equals(tenant) || found.get().usedAt() != null
                        || found.get().revokedAt() != null || !now.isBefore(found.get().expiresAt())) {
                    return Uni.createFrom().item(INACTIVE);
                }
                var t = found.get();
                return registry.member(t.tenant(), t.memberId()).map(member -> {
                    if (member.isEmpty() || !member.get().isActive()) {
                        return INACTIVE;
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("active", true);
                    body.put("token_type", "refresh_token");
                    body.put("scope", String.join(" ", t.scopes()));
                    body.put("sub", t.memberId());
                    body.put("tenant", t.tenant());
                    body.put("exp", t.expiresAt().getEpochSecond());
                    body.put("iss", config.issuer());
                    return body;
                });
            });
        }
        Optional<JwtClaims> verified = verify(token);
        if (verified.isEmpty()) {
            return Uni.createFrom().item(INACTIVE);
        }
        JwtClaims c = verified.get();
        try {
            String jti = c.getJwtId();
            String sub = c.getSubject();
            if (!tenant.equals(c.getClaimValueAsString("tenant"))) {
                return Uni.createFrom().item(INACTIVE);
            }
            return grants.isRevoked(jti).chain(revoked -> revoked ? Uni.createFrom().item(INACTIVE)
                    : registry.client(c.getClaimValueAsString("client_id")).chain(owner -> owner.isEmpty()
                    ? Uni.createFrom().item(INACTIVE)
                    : registry.member(tenant, sub).map(member -> {
                if (member.isEmpty() || !member.get().isActive()) {
                    return INACTIVE;
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("active", true);
                body.put("token_type", "Bearer");
                body.putAll(c.getClaimsMap());
                return body;
            })));
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            return Uni.createFrom().item(INACTIVE);
        }
    }

    /**
     * Signature (any published key, in that key's algorithm, through that algorithm's provider, as tokens are
     * signed), typ, iss, aud, exp.
     */
    private Optional<JwtClaims> verify(String token) {
        SigningKeys.ActiveKeys active = keys.active();
        Map<String, SigningKeys.VerificationKey> published = active.verificationKeys();
        try {
            return Optional.of(new JwtConsumerBuilder()
                    .setExpectedIssuer(config.issuer())
                    .setExpectedAudience(config.audience())
                    .setExpectedType(true, AccessTokenIssuer.TYPE)
                    .setRequireExpirationTime()
                    .setRequireJwtId()
                    .setRequireSubject()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            active.algorithms().toArray(String[]::new))
                    .setVerificationKeyResolver((jws, nesting) -> {
                        SigningKeys.VerificationKey k = published.get(jws.getKeyIdHeaderValue());
                        if (k == null || !k.alg().equals(jws.getAlgorithmHeaderValue())) {
                            throw new UnresolvableKeyException("no published key with that kid for that alg");
                        }
                        // the key is its algorithm's provider's own key: verify through that provider (jose4j reads
                        // the context when it verifies, after this resolver)
                        jws.setProviderContext(k.providerContext());
                        return k.key();
                    })
                    .build().processToClaims(token));
        } catch (InvalidJwtException e) {
            return Optional.empty();
        }
    }
}
