package dev.latchkey.verifier;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Topics;
import dev.latchkey.events.authentication.CredentialRefused;
import dev.latchkey.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Refused credentials reach {@code latchkey.authentication.events} on a real Kafka broker, aggregated. */
class FailedAuthenticationReportsTest {
    private final Map<String, IntrospectionResult> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private ReportPublisher publisher;
    private TokenVerifier verifier;

    @BeforeEach
    void setUp() {
        RevocationStore revocations = new RevocationStore();
        revocations.markCaughtUp();
        FailureRecorder refusals = new FailureRecorder(100, Clock.systemUTC());
        verifier = new TokenVerifier(new VerifierSettings(Duration.ofSeconds(30), Duration.ofSeconds(5), 1000,
                Duration.ofSeconds(5), Duration.ofHours(1)),
                token -> CompletableFuture.completedFuture(answers.getOrDefault(token, IntrospectionResult.inactive())),
                null, revocations, null, refusals, Runnable::run, null, Clock.systemUTC());
        publisher = new ReportPublisher(Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()))
                // never on its own during a test: close() publishes, so what one report aggregates is deterministic
                .every(Duration.ofHours(1), () -> refusals.drainEvents("/latchkey/verifier/test"));
    }

    @AfterEach
    void tearDown() {
        publisher.close();
    }

    @Test
    void refusalsOfAKnownTokenArePublishedOnceAggregatedWithTheirOwnerAndAddress() {
        String tokenId = "tok-" + UUID.randomUUID();
        String token = OpaqueTokens.generate("lkt_");
        answers.put(token, IntrospectionResult.active(tokenId, "m-1", "member", "SP-42-01", Set.of("account:read"),
                Instant.now().minusSeconds(1), Instant.now().minusSeconds(60), "private", List.of()));

        for (int i = 0; i < 5; i++) {
            VerificationResult r = verify(new VerificationRequest(token, null, null, null, "203.0.113.7"));
            assertThat(r.failure()).isEqualTo(FailureReason.EXPIRED);
        }
        publisher.close();

        List<ConsumerRecord<String, String>> records = awaitReports(r -> r.value().contains(tokenId));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        EventEnvelope e = EventEnvelope.fromKafka(record.topic(), record.key(), record.headers(), record.value());
        assertThat(e.type()).isEqualTo("latchkey.authentication.credential.refused.v1");
        assertThat(e.tenant()).isEqualTo("SP-42-01");
        assertThat(e.clientIp()).as("ce_clientip").isEqualTo("203.0.113.7");
        CredentialRefused data = e.dataAs(CredentialRefused.class);
        assertThat(data.count()).isEqualTo(5);
        assertThat(data.reason()).isEqualTo("expired");
        assertThat(data.actor().id()).isEqualTo("m-1");
        assertThat(data.target().id()).isEqualTo(tokenId);
        assertNoCredential(record, token);
    }

    @Test
    void aMadeUpTokenIsReportedWithoutATenantAsAnonymous() {
        String good = OpaqueTokens.generate("lkt_");
        // last character changed: the checksum no longer matches
        String madeUp = good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A");
        String ip = "198.51.100." + (1 + (int) (Math.random() * 250));

        assertThat(verify(new VerificationRequest(madeUp, null, null, null, ip)).failure())
                .isEqualTo(FailureReason.BAD_CHECKSUM);
        publisher.close();

        List<ConsumerRecord<String, String>> records = awaitReports(r -> r.value().contains("\"" + ip + "\"")
                && r.value().contains("bad_checksum"));
        ConsumerRecord<String, String> record = records.get(0);
        EventEnvelope e = EventEnvelope.fromKafka(record.topic(), record.key(), record.headers(), record.value());
        assertThat(e.tenant()).as("no ce_tenant").isNull();
        CredentialRefused data = e.dataAs(CredentialRefused.class);
        assertThat(data.tenant()).isNull();
        assertThat(data.actor().type()).isEqualTo("anonymous");
        assertThat(data.credentialHint()).isEqualTo(OpaqueTokens.hint(madeUp));
        assertNoCredential(record, madeUp);
    }

    private VerificationResult verify(VerificationRequest request) {
        return verifier.verify(request).toCompletableFuture().join();
    }

    private static List<ConsumerRecord<String, String>> awaitReports(
            java.util.function.Predicate<ConsumerRecord<String, String>> match) {
        return TestInfrastructure.kafka().awaitRecords(Topics.AUTHENTICATION_EVENTS, match, 1, Duration.ofSeconds(60));
    }

    private static void assertNoCredential(ConsumerRecord<String, String> record, String credential) {
        String secretPart = credential.substring(6, credential.length() - 2);
        assertThat(record.value()).doesNotContain(secretPart);
        for (Header h : record.headers()) {
            assertThat(new String(h.value(), StandardCharsets.UTF_8)).doesNotContain(secretPart);
        }
    }
}
