package dev.latchkey.testsupport;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What every Latchkey service serves besides its API (DESIGN.md §8): readiness that really checks the
 * database and Kafka, liveness, OpenAPI, Prometheus metrics. A service's test extends this class and adds
 * {@code @QuarkusTest} and its {@link PostgresAndKafkaResource}.
 */
public abstract class PlatformEndpointsContract {

    @Test
    void shouldBeReadyWithItsDatabaseAndKafkaChecked() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections health check")))
                .body("checks.name", hasItem(containsString("Kafka connection health check")));
    }

    @Test
    void shouldBeLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldServeOpenApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("openapi", containsString("3."));
    }

    @Test
    void shouldServePrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
