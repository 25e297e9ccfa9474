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
