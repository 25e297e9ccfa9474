package dev.latchkey.verifier;

import dev.latchkey.events.Actor;
import dev.latchkey.events.Target;
import dev.latchkey.events.credential.CredentialRevoked;
import dev.latchkey.events.credential.RevocationScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The core verifier with an in-memory introspector (a unit test: no HTTP, no Kafka). */
class TokenVerifierTest {
    private final Map<String, IntrospectionResult> answers = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private CompletableFuture<IntrospectionResult> pending;
    private RevocationStore revocations;
    private TokenVerifier verifier;

    @BeforeEach
    void setUp() {
        revocations = new RevocationStore();
        revocations.markCaughtUp();
        verifier = verifier(Duration.ofMillis(300), Duration.ofMillis(150), Duration.ofHours(1));
    }

    private TokenVerifier verifier(Duration positive, Duration negative, Duration bound) {
        return new TokenVerifier(new VerifierSettings(positive, negative, 1000, Duration.ofSeconds(5), bound),
                token -> {
                    calls.incrementAndGet();
                    if (pending != null) {
                        return pending;
                    }
                    IntrospectionResult r = answers.get(token);
                    return CompletableFuture.completedFuture(r == null ? IntrospectionResult.inactive() : r);
                }, null, revocations, null, Runnable::run, null, Clock.systemUTC());
    }

    private String activeToken(String tokenId, Instant exp) {
        String token = OpaqueTokens.generate("lkt_");
        answers.put(token, IntrospectionResult.active(tokenId, "sa-1", "service_account", "SP-1-01",
                Set.of("account:read"), exp, Instant.now(), "private", List.of()));
        return token;
    }

    private VerificationResult verify(String token) {
        return verifier.verify(VerificationRequest.of(token)).toCompletableFuture().join();
    }

    @Test
    void anActiveAnswerIsReusedUntilThePositiveTtl() throws Exception {
        String token = activeToken("t1", null);
        assertThat(verify(token).isSuccess()).isTrue();
        assertThat(verify(token).isSuccess()).isTrue();
        assertThat(calls).hasValue(1);
        Thread.sleep(400);
        assertThat(verify(token).isSuccess()).isTrue();
        assertThat(calls).hasValue(2);
    }

    @Test
    void anActiveAnswerIsNotReusedPastTheTokensExpiry() throws Exception {
        String token = activeToken("t1", Instant.now().plusMillis(100));
        assertThat(verify(token).isSuccess()).isTrue();
        Thread.sleep(150);
        assertThat(verify(token).failure()).isEqualTo(FailureReason.EXPIRED);
    }

    @Test
    void anInactiveAnswerIsReusedBriefly() throws Exception {
        String token = OpaqueTokens.generate("lkt_");
        assertThat(verify(token).failure()).isEqualTo(FailureReason.INACTIVE);
        assertThat(verify(token).failure()).isEqualTo(FailureReason.INACTIVE);
        assertThat(calls).hasValue(1);
        Thread.sleep(200);
        verify(token);
        assertThat(calls).hasValue(2);
    }

    @Test
    void concurrentLookupsOfOneTokenMakeOneCall() {
        String token = activeToken("t1", null);
        pending = new CompletableFuture<>();
        var a = verifier.verify(VerificationRequest.of(token)).toCompletableFuture();
        var b = verifier.verify(VerificationRequest.of(token)).toCompletableFuture();
        assertThat(a).isNotDone();
        pending.complete(answers.get(token));
        assertThat(a.join().isSuccess()).isTrue();
        assertThat(b.join().isSuccess()).isTrue();
        assertThat(calls).hasValue(1);
    }

    @Test
    void aBadChecksumNeverLeavesTheProcess() {
        String token = activeToken("t1", null);
        String typo = token.substring(0, 10) + (token.charAt(10) == 'x' ? 'y' : 'x') + token.substring(11);
        assertThat(verify(typo).failure()).isEqualTo(FailureReason.BAD_CHECKSUM);
        assertThat(verify("lkt_short").failure()).isEqualTo(FailureReason.MALFORMED);
        assertThat(verify("whatever").failure()).isEqualTo(FailureReason.MALFORMED);
        assertThat(calls).hasValue(0);
    }

    @Test
    void aFailedIntrospectionIsNotCachedAnd503() {
        String token = activeToken("t1", null);
        pending = CompletableFuture.failedFuture(new IntrospectionUnavailableException("down"));
        assertThat(verify(token).failure()).isEqualTo(FailureReason.INTROSPECTION_UNAVAILABLE);
        assertThat(FailureReason.INTROSPECTION_UNAVAILABLE.status()).isEqualTo(503);
        pending = null;
        assertThat(verify(token).isSuccess()).isTrue();
    }

    @Test
    void aRevocationEventDropsTheCachedAnswerAndTheReasonIsKept() {
        String token = activeToken("t1", null);
        assertThat(verify(token).isSuccess()).isTrue();
        answers.remove(token);
        assertThat(verify(token).isSuccess()).isTrue();
        revocations.apply(revoked(RevocationScope.TOKEN, "t1", "regenerated"));
        assertThat(verify(token).failure()).isEqualTo(FailureReason.REGENERATED);
    }

    @Test
    void anOwnerRevocationMakesItReintrospectWhichMayStillSayActive() {
        String token = activeToken("t1", null);
        assertThat(verify(token).isSuccess()).isTrue();
        revocations.apply(revoked(RevocationScope.SUBJECT, "SP-1-01:sa-1", "owner_disabled"));
        // token-service re-enabled the owner: its answer wins, there is no permanent block by not-before
        assertThat(verify(token).isSuccess()).isTrue();
        assertThat(calls).hasValue(2);
    }

    @Test
    void behindTheRevocationTopicForLongerThanTheBoundFailsClosed() throws Exception {
        String token = activeToken("t1", null);
        verifier = verifier(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(200));
        assertThat(verify(token).isSuccess()).isTrue();
        Thread.sleep(300);
        assertThat(verify(token).failure()).isEqualTo(FailureReason.REVOCATIONS_BEHIND);
        revocations.markCaughtUp();
        assertThat(verify(token).isSuccess()).isTrue();
    }

    @Test
    void neverCaughtUpFailsClosed() {
        revocations = new RevocationStore();
        verifier = verifier(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofHours(1));
        assertThat(verify(activeToken("t1", null)).failure()).isEqualTo(FailureReason.REVOCATIONS_BEHIND);
    }

    @Test
    void publicTokensNeedAnAllowedOrigin() {
        String token = OpaqueTokens.generate("lkt_");
        answers.put(token, IntrospectionResult.active("t1", "sa-1", "service_account", "SP-1-01", Set.of(), null,
                Instant.now(), "public", List.of("https://app.example")));
        assertThat(verifier.verify(new VerificationRequest(token, "https://app.example", null, null, null))
                .toCompletableFuture().join().isSuccess()).isTrue();
        assertThat(verifier.verify(new VerificationRequest(token, null, "https://app.example:443/x", null, null))
                .toCompletableFuture().join().isSuccess()).isTrue();
        assertThat(verifier.verify(new VerificationRequest(token, "https://app.example.evil", null, null, null))
                .toCompletableFuture().join().failure()).isEqualTo(FailureReason.WRONG_ORIGIN);
        assertThat(verifier.verify(new VerificationRequest(token, "null", null, null, null))
                .toCompletableFuture().join().failure()).isEqualTo(FailureReason.MISSING_ORIGIN);
        assertThat(verify(token).failure()).isEqualTo(FailureReason.MISSING_ORIGIN);
    }

    private static CredentialRevoked revoked(RevocationScope scope, String value, String reason) {
        return new CredentialRevoked("SP-1-01", Actor.system("test"), new Target("token", value), Instant.now(), scope,
                value, Instant.now(), null, reason);
    }
}
