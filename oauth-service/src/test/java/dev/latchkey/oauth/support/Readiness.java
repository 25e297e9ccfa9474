package dev.latchkey.oauth.support;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * For test classes with their own test resources, or run right after one: Quarkus restarts the application between
 * them, and the verifier refuses credentials (401) until its revocation consumer has caught up once, which
 * readiness reports.
 */
public final class Readiness {
    private Readiness() {
    }

    public static void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}
