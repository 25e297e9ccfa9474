package dev.latchkey.verifier;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class JwtVerifierTest {
    private static final String ISSUER = "https://issuer.test";
    private HttpServer server;
    private final AtomicReference<String> jwks = new AtomicReference<>();
    private EllipticCurveJsonWebKey k1;
    private JwtVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        k1 = key("k1");
        jwks.set(new JsonWebKeySet(k1).toJson());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", ex -> {
            byte[] b = jwks.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
        verifier = new JwtVerifier(List.of(JwtVerifier.Issuer.jwks(ISSUER,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks")), List.of("latchkey"),
                Duration.ofSeconds(30), JwtVerifier.DEFAULT_ALGORITHMS);
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private static EllipticCurveJsonWebKey key(String kid) throws Exception {
        EllipticCurveJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        k.setKeyId(kid);
        return k;
    }

    private static String sign(Consumer<JwtClaims> tweak, Key key, String kid, String alg, String typ) throws Exception {
        JwtClaims c = new JwtClaims();
        c.setIssuer(ISSUER);
        c.setAudience("latchkey");
        c.setSubject("m-1");
        c.setJwtId("j-1");
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(5);
        c.setClaim("tenant", "SP-1-01");
        c.setClaim("client_id", "c-1");
        c.setClaim("scope", "account:read user:read");
        tweak.accept(c);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(alg);
        if (typ != null) {
            jws.setHeader("typ", typ);
        }
        jws.setDoKeyValidation(false);
        if ("none".equals(alg)) {
            jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        }
        return jws.getCompactSerialization();
    }

    private String valid(Consumer<JwtClaims> tweak) throws Exception {
        return sign(tweak, k1.getPrivateKey(), "k1", "ES256", "at+jwt");
    }

    @Test
    void aValidAccessTokenGivesItsClaims() throws Exception {
        JwtVerifier.Outcome o = verifier.verify(valid(c -> c.setClaim("cnf", Map.of("x5t#S256", "abc"))));
        assertThat(o.failure()).isNull();
        assertThat(o.jwt().subject()).isEqualTo("m-1");
        assertThat(o.jwt().tenant()).isEqualTo("SP-1-01");
        assertThat(o.jwt().clientId()).isEqualTo("c-1");
        assertThat(o.jwt().scope()).containsExactlyInAnyOrder("account:read", "user:read");
        assertThat(o.jwt().certificateThumbprint()).isEqualTo("abc");
        assertThat(o.jwt().ownerType()).isEqualTo("member");
    }

    @Test
    void theMediaTypeFormOfTypIsAccepted() throws Exception {
        assertThat(verifier.verify(sign(c -> { }, k1.getPrivateKey(), "k1", "ES256", "application/at+jwt")).failure()).isNull();
    }

    @Test
    void eachBadTokenGetsItsReason() throws Exception {
        EllipticCurveJsonWebKey stranger = key("k1");
        assertThat(verifier.verify(valid(c -> c.setIssuer("https://evil.test"))).failure()).isEqualTo(FailureReason.WRONG_ISSUER);
        assertThat(verifier.verify(valid(c -> c.setAudience("other"))).failure()).isEqualTo(FailureReason.WRONG_AUDIENCE);
        assertThat(verifier.verify(sign(c -> { }, k1.getPrivateKey(), "k1", "ES256", "JWT")).failure()).isEqualTo(FailureReason.WRONG_TYPE);
        assertThat(verifier.verify(sign(c -> { }, k1.getPrivateKey(), "k1", "ES256", null)).failure()).isEqualTo(FailureReason.WRONG_TYPE);
        assertThat(verifier.verify(sign(c -> { }, stranger.getPrivateKey(), "k1", "ES256", "at+jwt")).failure()).isEqualTo(FailureReason.BAD_SIGNATURE);
        assertThat(verifier.verify(sign(c -> { }, stranger.getPrivateKey(), "k7", "ES256", "at+jwt")).failure()).isEqualTo(FailureReason.BAD_SIGNATURE);
        assertThat(verifier.verify(sign(c -> { }, null, "k1", "none", "at+jwt")).failure()).isEqualTo(FailureReason.ALGORITHM_REFUSED);
        assertThat(verifier.verify(sign(c -> { }, new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"), "k1", "HS256", "at+jwt")).failure())
                .isEqualTo(FailureReason.ALGORITHM_REFUSED);
        assertThat(verifier.verify(valid(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
            c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 60));
        })).failure()).isEqualTo(FailureReason.EXPIRED);
        assertThat(verifier.verify(valid(c -> c.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 120)))).failure())
                .isEqualTo(FailureReason.NOT_YET_VALID);
        assertThat(verifier.verify(valid(c -> c.unsetClaim("jti"))).failure()).isEqualTo(FailureReason.MISSING_CLAIM);
        assertThat(verifier.verify(valid(c -> c.unsetClaim("tenant"))).failure()).isEqualTo(FailureReason.MISSING_CLAIM);
        assertThat(verifier.verify("eyJhbGciOiJFUzI1NiJ9.not-json.sig").failure()).isEqualTo(FailureReason.MALFORMED);
    }

    @Test
    void withinTheClockSkewIsStillValid() throws Exception {
        assertThat(verifier.verify(valid(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 300));
            c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 10));
        })).failure()).isNull();
        assertThat(verifier.verify(valid(c -> c.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 10))))
                .failure()).isNull();
    }

    @Test
    void anUnknownKidRefetchesTheJwks() throws Exception {
        assertThat(verifier.verify(valid(c -> { })).failure()).isNull();
        EllipticCurveJsonWebKey k2 = key("k2");
        jwks.set(new JsonWebKeySet(k1, k2).toJson());
        Thread.sleep(400); // jose4j does not refetch more often than every few hundred ms
        assertThat(verifier.verify(sign(c -> { }, k2.getPrivateKey(), "k2", "ES256", "at+jwt")).failure()).isNull();
    }

    @Test
    void rs256IsAllowedByDefaultButConfigurable() throws Exception {
        var rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("r1");
        jwks.set(new JsonWebKeySet(k1, rsa).toJson());
        assertThat(verifier.verify(sign(c -> { }, rsa.getPrivateKey(), "r1", "RS256", "at+jwt")).failure()).isNull();
        JwtVerifier esOnly = new JwtVerifier(List.of(JwtVerifier.Issuer.jwks(ISSUER,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks")), List.of("latchkey"),
                Duration.ofSeconds(30), List.of("ES256"));
        assertThat(esOnly.verify(sign(c -> { }, rsa.getPrivateKey(), "r1", "RS256", "at+jwt")).failure())
                .isEqualTo(FailureReason.ALGORITHM_REFUSED);
    }

    @Test
    void ownIssuerIsRecognisedWithoutVerifying() throws Exception {
        assertThat(verifier.isOwnIssuer(valid(c -> { }))).isTrue();
        assertThat(verifier.isOwnIssuer(valid(c -> c.setIssuer("https://upstream.idp")))).isFalse();
        assertThat(verifier.isOwnIssuer("garbage")).isFalse();
    }
}
