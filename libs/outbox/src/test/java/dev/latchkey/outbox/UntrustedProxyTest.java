package dev.latchkey.outbox;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A client that is not a trusted proxy cannot choose the address its events are recorded with. */
@QuarkusTest
@TestProfile(UntrustedProxyTest.OnlyAnotherProxyIsTrusted.class)
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "outbox_test_db"))
class UntrustedProxyTest {

    public static class OnlyAnotherProxyIsTrusted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.trusted-proxies", "192.0.2.10");
        }
    }

    @Test
    void shouldIgnoreForwardedForFromAnUntrustedPeer() {
        String name = RequestOriginTest.unique();
        given().header("User-Agent", "spoofer/1.0").header("X-Forwarded-For", "203.0.113.99")
                .post("/widgets/" + name).then().statusCode(204);

        EventEnvelope event = RequestOriginTest.published(name);
        assertThat(event.clientIp()).isEqualTo("127.0.0.1");
        assertThat(event.userAgent()).isEqualTo("spoofer/1.0");
    }
}
