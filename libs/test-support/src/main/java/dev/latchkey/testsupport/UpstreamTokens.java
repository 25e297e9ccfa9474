package dev.latchkey.testsupport;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * People's access tokens as the contract's upstream provider issues them ({@code latchkey_tenant},
 * {@code latchkey_role}, {@code email}, {@code preferred_username}, audience {@code latchkey}), signed with the key of
 * {@link UpstreamOidcProvider} — or, to test refusals, with a stranger's key, by another issuer, or expired.
 */
public final class UpstreamTokens {
    private static final RsaJsonWebKey PROVIDER_KEY = providerKey();
    private static final RsaJsonWebKey STRANGER_KEY = strangerKey();

    private final JwtClaims claims = new JwtClaims();
    private RsaJsonWebKey key = PROVIDER_KEY;

    private UpstreamTokens(String tenant, String email) {
        Instant now = Instant.now();
        claims.setIssuer(UpstreamOidcProvider.ISSUER);
        claims.setSubject(UUID.randomUUID().toString());
        claims.setAudience("latchkey");
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(Duration.ofMinutes(5)).getEpochSecond()));
        claims.setClaim("azp", "latchkey-cli");
        claims.setClaim("typ", "Bearer");
        if (tenant != null) {
            claims.setClaim("latchkey_tenant", tenant);
        }
        if (email != null) {
            claims.setClaim("email", email);
            claims.setClaim("preferred_username", email.substring(0, Math.max(1, email.indexOf('@'))));
        }
    }

    /** A person of {@code tenant} whose email is {@code email} ({@code null} leaves the claim out). */
    public static UpstreamTokens person(String tenant, String email) {
        return new UpstreamTokens(tenant, email);
    }

    public UpstreamTokens role(String latchkeyRole) {
        claims.setClaim("latchkey_role", latchkeyRole);
        return this;
    }

    public UpstreamTokens claim(String name, Object value) {
        claims.setClaim(name, value);
        return this;
    }

    public UpstreamTokens issuer(String issuer) {
        claims.setIssuer(issuer);
        return this;
    }

    public UpstreamTokens audience(String audience) {
        claims.setAudience(audience);
        return this;
    }

    /** Expired this long ago (beyond any clock skew a verifier allows when it is minutes). */
    public UpstreamTokens expiredAgo(Duration ago) {
        Instant now = Instant.now();
        claims.setIssuedAt(NumericDate.fromSeconds(now.minus(ago).minus(Duration.ofMinutes(5)).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.minus(ago).getEpochSecond()));
        return this;
    }

    /** Signed by a key the provider never published, under the provider's key id. */
    public UpstreamTokens signedByStranger() {
        key = STRANGER_KEY;
        return this;
    }

    public String token() {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue("1");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Authorization} header value. */
    public String bearer() {
        return "Bearer " + token();
    }

    private static RsaJsonWebKey providerKey() {
        try (InputStream in = UpstreamTokens.class.getClassLoader().getResourceAsStream("privateKey.jwk")) {
            if (in == null) {
                throw new IllegalStateException("privateKey.jwk of quarkus-test-oidc-server is not on the classpath");
            }
            return (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RsaJsonWebKey strangerKey() {
        try {
            return RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
