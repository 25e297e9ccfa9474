package dev.latchkey.bench;

import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.JwtVerifier;
import dev.latchkey.verifier.OpaqueTokens;
import dev.latchkey.verifier.RevocationStore;
import dev.latchkey.verifier.TokenVerifier;
import dev.latchkey.verifier.UsageRecorder;
import dev.latchkey.verifier.VerificationRequest;
import dev.latchkey.verifier.VerificationResult;
import dev.latchkey.verifier.VerifierSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The verifier's per-request cost on the paths that matter: a repeat opaque token and a repeat JWT (cache hit:
 * SHA-256, a map look-up, revocation look-ups, usage counting, metrics) and a first-time JWT (bounded by ES256
 * signature verification). Introspection is an in-memory answer: the network call is not what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifierBenchmark {
    private TokenVerifier verifier;
    private JwtVerifier jwtVerifier;
    private VerificationRequest opaque;
    private VerificationRequest jwt;
    private String jwtString;

    @Setup
    public void setUp() throws Exception {
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId("k1");
        jwtVerifier = new JwtVerifier(
                List.of(new JwtVerifier.Issuer("https://issuer.test",
                        new JwksVerificationKeyResolver(new JsonWebKeySet(key).getJsonWebKeys()))),
                List.of("latchkey"), Duration.ofSeconds(30), JwtVerifier.DEFAULT_ALGORITHMS);

        String token = OpaqueTokens.generate("lkt_");
        IntrospectionResult active = IntrospectionResult.active(UUID.randomUUID().toString(), "sa-1", "service_account",
                "SP-1-01", Set.of("account:read", "user:all"), Instant.now().plusSeconds(86400), Instant.now(),
                "private", List.of());
        RevocationStore revocations = new RevocationStore();
        revocations.markCaughtUp();
        verifier = new TokenVerifier(
                VerifierSettings.defaults().withRevocationLagBound(Duration.ofDays(1)),
                t -> CompletableFuture.completedFuture(active), jwtVerifier, revocations,
                new UsageRecorder(Clock.systemUTC()), Runnable::run, new SimpleMeterRegistry(), Clock.systemUTC());
        opaque = new VerificationRequest(token, null, null, null, "10.0.0.1");

        JwtClaims c = new JwtClaims();
        c.setIssuer("https://issuer.test");
        c.setAudience("latchkey");
        c.setSubject("m-1");
        c.setJwtId(UUID.randomUUID().toString());
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(60);
        c.setClaim("tenant", "SP-1-01");
        c.setClaim("client_id", "c1");
        c.setClaim("scope", "account:read");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue("k1");
        jws.setAlgorithmHeaderValue("ES256");
        jws.setHeader("typ", "at+jwt");
        jwtString = jws.getCompactSerialization();
        jwt = new VerificationRequest(jwtString, null, null, null, "10.0.0.1");

        requireSuccess(verify(opaque));
        requireSuccess(verify(jwt));
        if (jwtVerifier.verify(jwtString).jwt() == null) {
            throw new IllegalStateException("benchmark JWT does not verify");
        }
    }

    private VerificationResult verify(VerificationRequest r) {
        return verifier.verify(r).toCompletableFuture().join();
    }

    private static void requireSuccess(VerificationResult r) {
        if (!r.isSuccess()) {
            throw new IllegalStateException("benchmark credential refused: " + r.failure());
        }
    }

    @Benchmark
    public VerificationResult cachedOpaqueToken() {
        return verify(opaque);
    }

    @Benchmark
    public VerificationResult cachedJwt() {
        return verify(jwt);
    }

    @Benchmark
    public JwtVerifier.Outcome firstTimeJwt() {
        return jwtVerifier.verify(jwtString);
    }
}
