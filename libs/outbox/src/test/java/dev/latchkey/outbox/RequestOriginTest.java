package dev.latchkey.outbox;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.testsupport.TestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events produced while an HTTP request is handled carry its client address and User-Agent; a trusted proxy's
 * {@code X-Forwarded-For} is honoured (the test application trusts loopback, as deploy/local's gateway is).
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "outbox_test_db"))
class RequestOriginTest {
    @Inject
    WidgetJob job;

    @Test
    void shouldCarryTheClientAddressAndUserAgentOfTheRequest() {
        String name = unique();
        given().header("User-Agent", "latchkey-cli/1.4 (linux)").post("/widgets/" + name).then().statusCode(204);

        EventEnvelope event = published(name);
        assertThat(event.clientIp()).isEqualTo("127.0.0.1");
        assertThat(event.userAgent()).isEqualTo("latchkey-cli/1.4 (linux)");
    }

    @Test
    void shouldTakeTheClientAddressFromATrustedProxysForwardedFor() {
        String name = unique();
        given().header("User-Agent", "Mozilla/5.0").header("X-Forwarded-For", "203.0.113.7, 10.1.2.3")
                .post("/widgets/" + name).then().statusCode(204);

        EventEnvelope event = published(name);
        assertThat(event.clientIp()).isEqualTo("203.0.113.7");
        assertThat(event.userAgent()).isEqualTo("Mozilla/5.0");
    }

    @Test
    void shouldGiveNoAddressForAForwardedValueThatIsNotAnIpAddress() {
        String name = unique();
        given().header("User-Agent", "probe").header("X-Forwarded-For", "unknown").post("/widgets/" + name)
                .then().statusCode(204);

        EventEnvelope event = published(name);
        assertThat(event.clientIp()).isNull();
        assertThat(event.userAgent()).isEqualTo("probe");
    }

    @Test
    void shouldCarryNoOriginForAnEventOfAScheduledJob() {
        String name = unique();
        job.request(name);

        ConsumerRecord<String, String> record = records(name).get(0);
        assertThat(record.headers().lastHeader("ce_clientip")).isNull();
        assertThat(record.headers().lastHeader("ce_useragent")).isNull();
        assertThat(envelope(record).clientIp()).isNull();
    }

    static String unique() {
        return "w-" + UUID.randomUUID();
    }

    static EventEnvelope published(String name) {
        return envelope(records(name).get(0));
    }

    private static List<ConsumerRecord<String, String>> records(String name) {
        return TestInfrastructure.kafka().awaitRecords(WidgetCreated.TOPIC, r -> name.equals(r.key()), 1,
                Duration.ofSeconds(60));
    }

    private static EventEnvelope envelope(ConsumerRecord<String, String> r) {
        return EventEnvelope.fromKafka(r.topic(), r.key(), r.headers(), r.value());
    }
}
