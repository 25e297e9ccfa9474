package dev.latchkey.local;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;

/**
 * The whole platform, started once per integration-test JVM with a fresh data directory: every service as
 * its own process, real PostgreSQL, real Kafka, the gateway on 8080. Tests talk to it only over HTTP and
 * Kafka, as users do.
 */
final class RunningPlatform {
    private static LocalPlatform platform;

    static synchronized LocalPlatform get() throws Exception {
        if (platform == null) {
            // -Dlatchkey.it.repo runs the tests against applications built elsewhere (e.g. a copy of their target/)
            Path repo = Path.of(System.getProperty("latchkey.it.repo", Path.of("").toAbsolutePath().resolve("../..").toString())).normalize();
            Path data = Files.createTempDirectory("latchkey-it-");
            // without Keycloak (~45 s, ~450 MB): the tests that sign people in start it (LocalPlatform.startKeycloak)
            platform = new LocalPlatform(repo, data, false);
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "stop-platform"));
            platform.start();
            RestAssured.baseURI = "http://localhost";
            RestAssured.port = LocalPlatform.GATEWAY_PORT;
        }
        return platform;
    }

    /** A request through the gateway as the bootstrap global admin. */
    static RequestSpecification asAdmin() throws Exception {
        return as(get().bootstrapAdminToken());
    }

    static RequestSpecification as(String credential) {
        return given().header("Authorization", "Bearer " + credential);
    }

    private RunningPlatform() {
    }
}
