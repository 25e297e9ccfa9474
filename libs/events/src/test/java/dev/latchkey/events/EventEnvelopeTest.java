package dev.latchkey.events;

import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.events.credential.CredentialRevoked;
import dev.latchkey.events.credential.RevocationScope;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeTest {
    private final CredentialRevoked revoked = new CredentialRevoked("SP-1-01", new Actor("member", "m1"),
            new Target("token", "t1"), Instant.parse("2026-11-23T10:00:00Z"), RevocationScope.TOKEN, "t1",
            Instant.parse("2026-11-23T10:00:00Z"), null, "revoked");

    @Test
    void shouldRoundTripThroughKafkaHeaders() {
        EventEnvelope sent = EventEnvelope.of("/token-service", CredentialEvents.REVOKED, revoked).withKey(revoked.key());
        RecordHeaders headers = new RecordHeaders(sent.headers());

        EventEnvelope received = EventEnvelope.fromKafka(sent.topic(), sent.key(), headers, sent.data());

        assertThat(received).isEqualTo(sent);
        assertThat(received.key()).isEqualTo("token:t1");
        assertThat(received.dataAs(CredentialRevoked.class)).isEqualTo(revoked);
        assertThat(new String(headers.lastHeader("ce_specversion").value())).isEqualTo("1.0");
        assertThat(new String(headers.lastHeader("ce_tenant").value())).isEqualTo("SP-1-01");
    }

    @Test
    void shouldCarryTheHttpOriginAsExtensionAttributes() {
        EventEnvelope sent = EventEnvelope.of("/token-service", CredentialEvents.REVOKED, revoked)
                .withOrigin("203.0.113.7", "curl/8.5.0");
        RecordHeaders headers = new RecordHeaders(sent.headers());

        EventEnvelope received = EventEnvelope.fromKafka(sent.topic(), sent.key(), headers, sent.data());

        assertThat(new String(headers.lastHeader("ce_clientip").value())).isEqualTo("203.0.113.7");
        assertThat(new String(headers.lastHeader("ce_useragent").value())).isEqualTo("curl/8.5.0");
        assertThat(received.clientIp()).isEqualTo("203.0.113.7");
        assertThat(received.userAgent()).isEqualTo("curl/8.5.0");
        assertThat(received.withKey("other").clientIp()).as("kept by withKey").isEqualTo("203.0.113.7");
    }

    @Test
    void shouldLeaveTheOriginOutWhenTheEventDidNotComeThroughHttp() {
        EventEnvelope sent = EventEnvelope.of("/token-service", CredentialEvents.REVOKED, revoked);
        RecordHeaders headers = new RecordHeaders(sent.headers());

        assertThat(headers.lastHeader("ce_clientip")).isNull();
        assertThat(headers.lastHeader("ce_useragent")).isNull();
        EventEnvelope received = EventEnvelope.fromKafka(sent.topic(), sent.key(), headers, sent.data());
        assertThat(received.clientIp()).isNull();
        assertThat(received.userAgent()).isNull();
    }

    @Test
    void shouldBoundTheUserAgent() {
        EventEnvelope e = EventEnvelope.of("/token-service", CredentialEvents.REVOKED, revoked)
                .withOrigin("198.51.100.1", "x".repeat(5000));

        assertThat(e.userAgent()).hasSize(EventEnvelope.MAX_USER_AGENT);
    }

    @Test
    void shouldRejectARecordThatIsNotACloudEvent() {
        assertThatThrownBy(() -> EventEnvelope.fromKafka("t", "k", new RecordHeaders(), "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ce_id");
    }

    @Test
    void shouldRefuseAnEventTypeOutsideTheNamingGrammar() {
        assertThatThrownBy(() -> new EventType<>("token.created", Topics.TOKEN_EVENTS, CredentialRevoked.class))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
