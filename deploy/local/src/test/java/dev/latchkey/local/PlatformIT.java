package dev.latchkey.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

class PlatformIT {

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"token-service", "oauth-service", "service-account-service", "audit-service", "accounts-api"})
    void shouldServeEveryServiceReadyThroughTheGateway(String service) {
        given().get("/" + service + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
