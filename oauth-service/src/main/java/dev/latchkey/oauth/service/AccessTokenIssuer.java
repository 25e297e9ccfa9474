package dev.latchkey.oauth.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.latchkey.oauth.config.OAuthConfig;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Signs RFC 9068 access tokens ({@code typ: at+jwt}) with the current key, in its algorithm, through that
 * algorithm's provider ({@link dev.latchkey.oauth.crypto.SignatureProviders}: AWS-LC for ES256 where it loads,
 * BouncyCastle otherwise). CPU-bound: the grant rate limit. The claims are written by Jackson's streaming
 * generator, straight to UTF-8 ({@link dev.latchkey.oauth.crypto.JwsSigner} says why not jose4j).
 */
@Singleton
public class AccessTokenIssuer {
    public static final String TYPE = "at+jwt";

    private static final JsonFactory JSON = new JsonFactory();

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
        long now = clock.instant().getEpochSecond();
        long exp = now + request.lifetimeSeconds();
        String jti = UUID.randomUUID().toString();
        String jwt = keys.active().signer().sign(claims(request, now, exp, jti));
        return new Issued(jwt, jti, Instant.ofEpochSecond(now), Instant.ofEpochSecond(exp));
    }

    /** RFC 9068 §2.2 claims, Latchkey's {@code tenant} and {@code owner_type}, and RFC 8705 §3.1 {@code cnf}. */
    private byte[] claims(Request request, long now, long exp, String jti) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512); JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("iss", config.issuer());
            json.writeStringField("sub", request.subject());
            json.writeStringField("aud", config.audience());
            json.writeNumberField("exp", exp);
            json.writeNumberField("iat", now);
            json.writeNumberField("nbf", now);
            json.writeStringField("jti", jti);
            json.writeStringField("client_id", request.clientId());
            json.writeStringField("scope", String.join(" ", request.scopes()));
            json.writeStringField("tenant", request.tenant());
            json.writeStringField("owner_type", "member");
            if (request.certificateThumbprint() != null) {
                json.writeObjectFieldStart("cnf");
                json.writeStringField("x5t#S256", request.certificateThumbprint());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write access-token claims", e); // in memory: does not happen
        }
    }
}
