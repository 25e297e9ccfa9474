package dev.latchkey.verifier;

import java.time.Duration;

/**
 * Tuning of {@link TokenVerifier} (immutable).
 *
 * @param positiveTtl        how long an active introspection answer is reused (also capped by the token's exp)
 * @param negativeTtl        how long an inactive answer is reused
 * @param maxCacheEntries    per cache (introspection, JWT)
 * @param clockSkew          tolerance for exp/nbf
 * @param revocationLagBound fail closed when the revocation consumer has not caught up for longer than this;
 *                           {@code null} = revocations not checked (no Kafka; tests and benchmarks only)
 */
public record VerifierSettings(Duration positiveTtl, Duration negativeTtl, long maxCacheEntries, Duration clockSkew,
                               Duration revocationLagBound) {

    public static VerifierSettings defaults() {
        return new VerifierSettings(Duration.ofSeconds(30), Duration.ofSeconds(5), 100_000, Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    public VerifierSettings withRevocationLagBound(Duration bound) {
        return new VerifierSettings(positiveTtl, negativeTtl, maxCacheEntries, clockSkew, bound);
    }
}
