package dev.latchkey.oauth.service;

import dev.latchkey.oauth.config.OAuthConfig;
import jakarta.inject.Singleton;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Signs RFC 9068 access tokens ({@code typ: at+jwt}) with the current key, in its algorithm, through that
 * algorithm's provider ({@link dev.latchkey.oauth.crypto.SignatureProviders}: AWS-LC for ES256 where it loads,
 * BouncyCastle otherwise). CPU-bound: the grant rate limit.
 */
@Singleton
public class AccessTokenIssuer {
    public static final String TYPE = "at+jwt";

    /** What to put in a token. {@code certificateThumbprint} non-null = certificate-bound (RFC 8705). */
    public record Request(String tenant, String subject, String clientId, Collection<String> scopes, int lifetimeSeconds,
                          String certificateThumbprint) {
    }

    public record Issued(String jwt, String jti, Instant issuedAt, Instant expiresAt) {
    }

    private final SigningKeys keys;
    private final OAuthConfig config;
    private final Clock clock = Clock.systemUTC();

    AccessTokenIssuer(SigningKeys keys, OAuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public Issued issue(Request request) {
        SigningKeys.ActiveKeys active = keys.active();
        long now = clock.instant().getEpochSecond();
        long exp = now + request.lifetimeSeconds();
        String jti = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setSubject(request.subject());
        claims.setAudience(config.audience());
        claims.setExpirationTime(NumericDate.fromSeconds(exp));
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setNotBefore(NumericDate.fromSeconds(now));
        claims.setJwtId(jti);
        claims.setClaim("client_id", request.clientId());
        claims.setClaim("scope", String.join(" ", request.scopes()));
        claims.setClaim("tenant", request.tenant());
        claims.setClaim("owner_type", "member");
        if (request.certificateThumbprint() != null) {
            claims.setClaim("cnf", Map.of("x5t#S256", request.certificateThumbprint()));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setProviderContext(active.signingContext());
        jws.setKey(active.signingKey());
        jws.setKeyIdHeaderValue(active.kid());
        jws.setAlgorithmHeaderValue(active.alg());
        jws.setHeader("typ", TYPE);
        try {
            return new Issued(jws.getCompactSerialization(), jti, Instant.ofEpochSecond(now), Instant.ofEpochSecond(exp));
        } catch (JoseException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
