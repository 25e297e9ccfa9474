package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.oauth.support.Readiness;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the token, revocation and introspection endpoints do as Vert.x routes ahead of Quarkus REST
 * ({@link ClientEndpoints}): the checks that run before them still do, bodies and content types are checked, and
 * the events they write carry the request's origin.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
class ClientEndpointsTest {

    @BeforeEach
    void ready() {
        Readiness.awaitReady();
    }

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
    }

    private static Apps.Registered app() {
        return Apps.clientCredentials(ADMIN_A, ClientCredentialsTest.member("global_admin"), List.of("account:read"));
    }

    @Test
    void refusesABodyOverTheLimitWithAProblem() {
        var app = app();
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&scope=" + "a".repeat(70 * 1024))
                .when().post("/oauth/token")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://latchkey.dev/problems/payload-too-large"));
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWhileReadingIt() throws Exception {
        var app = app();
        // no Content-Length: the limit is found while the body is read
        var chunks = new java.io.ByteArrayInputStream(("grant_type=client_credentials&scope=" + "a".repeat(70 * 1024))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (app.clientId() + ":" + app.secret()).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> chunks))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload-too-large");
    }

    @Test
    void decodesTheFormAndRefusesABrokenOne() {
        var app = app();
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&scope=account%3Aread&unused=")
                .when().post("/oauth/token")
                .then().statusCode(200).body("scope", equalTo("account:read"));
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&scope=%E")
                .when().post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("form-encoded"));
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&scope=account%3Aread&scope=")
                .when().post("/oauth/token")
                .then().statusCode(400).body("error_description", equalTo("Parameter scope is repeated."));
    }

    @Test
    void refusesParametersThatAreNotAForm() {
        var app = app();
        for (String path : List.of("/oauth/token", "/oauth/revoke", "/oauth/introspect")) {
            given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/json")
                    .body("{\"grant_type\":\"client_credentials\",\"token\":\"x\"}")
                    .when().post(path)
                    .then().statusCode(400).header("Cache-Control", "no-store")
                    .body("error", equalTo("invalid_request"))
                    .body("error_description", containsString("application/x-www-form-urlencoded"));
        }
    }

    @Test
    void stillRefusesACredentialInTheQueryString() {
        var app = app();
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .when().post("/oauth/introspect?token=lkt_leaked")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://latchkey.dev/problems/credential-in-query"));
    }

    @Test
    void answersClientSecretPostWhoseBodyWasReadBeforeTheEndpoint() {
        // no Authorization header: token-verifier's CredentialLocationFilter reads the form first (auth_token)
        var app = app();
        given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", app.clientId())
                .formParam("client_secret", app.secret())
                .when().post("/oauth/token")
                .then().statusCode(200).body("token_type", equalTo("Bearer"));
    }

    @Test
    void documentsTheEndpointsInOpenApi() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/oauth/token'.post.requestBody.content.'application/x-www-form-urlencoded'.schema.required",
                        org.hamcrest.Matchers.hasItem("grant_type"))
                .body("paths.'/oauth/revoke'.post.summary", containsString("RFC 7009"))
                .body("paths.'/oauth/introspect'.post.summary", containsString("RFC 7662"))
                .body("paths.'/api/v1/oauth-apps'", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void revocationEventsCarryTheRequestOrigin() throws Exception {
        var app = app();
        String jwt = ClientCredentialsTest.basic(app.clientId(), app.secret(), "grant_type", "client_credentials")
                .then().statusCode(200).extract().path("access_token");
        String jti = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                .setSkipSignatureVerification().build().processToClaims(jwt).getJwtId();

        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .header("User-Agent", "revoking-client/1.0").formParam("token", jwt)
                .when().post("/oauth/revoke")
                .then().statusCode(200).header("Cache-Control", "no-store");

        assertThat(ApplicationResourceTest.query("SELECT client_ip FROM outbox WHERE record_key = ?", "jti:" + jti))
                .containsExactly("127.0.0.1");
        assertThat(ApplicationResourceTest.query("SELECT user_agent FROM outbox WHERE record_key = ?", "jti:" + jti))
                .containsExactly("revoking-client/1.0");
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("token", jwt)
                .when().post("/oauth/introspect")
                .then().statusCode(200).body("active", equalTo(false));
    }
}
