package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.oauth.support.Readiness;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
public class ClientCredentialsTest {
    static final String ISSUER = "https://latchkey.test";

    @BeforeEach
    void ready() {
        Readiness.awaitReady();
    }

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
    }

    static String member(String role) {
        String id = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, id, role, "active");
        return id;
    }

    public static Response basic(String clientId, String secret, String... form) {
        var req = given().auth().preemptive().basic(clientId, secret).contentType("application/x-www-form-urlencoded");
        for (int i = 0; i < form.length; i += 2) {
            req = req.formParam(form[i], form[i + 1]);
        }
        return req.when().post("/oauth/token");
    }

    @Test
    void issuesAnRfc9068AccessTokenThatVerifiesWithTheJwks() throws Exception {
        String memberId = member("global_admin");
        var app = Apps.clientCredentials(ADMIN_A, memberId, List.of("account:read", "collection:upsert"));

        Response r = basic(app.clientId(), app.secret(), "grant_type", "client_credentials");
        r.then().statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(3600))
                .body("scope", equalTo("account:read collection:upsert"));
        String jwt = r.jsonPath().getString("access_token");

        String jwks = given().when().get("/oauth/jwks").then().statusCode(200).extract().asString();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setExpectedIssuer(ISSUER).setExpectedAudience("latchkey").setExpectedType(true, "at+jwt")
                .setRequireExpirationTime().setRequireIssuedAt().setRequireNotBefore().setRequireJwtId().setRequireSubject()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .build();
        JwtContext context = consumer.process(jwt);
        JwtClaims claims = context.getJwtClaims();
        assertThat(context.getJoseObjects().get(0).getAlgorithmHeaderValue()).isEqualTo("ES256");
        assertThat(context.getJoseObjects().get(0).getHeader("typ")).isEqualTo("at+jwt");
        assertThat(claims.getSubject()).isEqualTo(memberId);
        assertThat(claims.getClaimValueAsString("client_id")).isEqualTo(app.clientId());
        assertThat(claims.getClaimValueAsString("tenant")).isEqualTo(TENANT_A);
        assertThat(claims.getClaimValueAsString("scope")).isEqualTo("account:read collection:upsert");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(3600);
        assertThat(claims.hasClaim("cnf")).isFalse();
    }

    @Test
    void acceptsClientSecretPostAndNarrowsToTheRequestedScope() {
        var app = Apps.clientCredentials(ADMIN_A, member("global_admin"), List.of("account:all"));
        given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", app.clientId())
                .formParam("client_secret", app.secret()).formParam("scope", "account:read")
                .when().post("/oauth/token")
                .then().statusCode(200).body("scope", equalTo("account:read"));
    }

    @Test
    void refusesAWrongSecretWithInvalidClientAndABasicChallenge() {
        var app = Apps.clientCredentials(ADMIN_A, member("global_admin"), List.of("account:read"));
        basic(app.clientId(), "lkc_wrong", "grant_type", "client_credentials")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Basic"))
                .body("error", equalTo("invalid_client"));
        basic("lkapp_unknown", app.secret(), "grant_type", "client_credentials")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void refusesMissingAndUnsupportedGrantTypes() {
        var app = Apps.clientCredentials(ADMIN_A, member("global_admin"), List.of("account:read"));
        basic(app.clientId(), app.secret(), "scope", "account:read")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        basic(app.clientId(), app.secret(), "grant_type", "password")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        basic(app.clientId(), app.secret(), "grant_type", "authorization_code", "code", "x", "redirect_uri", "https://a.example/cb")
                .then().statusCode(400).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void refusesScopesTheClientWasNotGrantedOrThatAreNotInTheCatalog() {
        var app = Apps.clientCredentials(ADMIN_A, member("global_admin"), List.of("account:read"));
        basic(app.clientId(), app.secret(), "grant_type", "client_credentials", "scope", "account:delete")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
        basic(app.clientId(), app.secret(), "grant_type", "client_credentials", "scope", "spaceship:read")
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void capsScopesAtTheActingMembersRole() {
        String memberId = member("member");
        var app = Apps.clientCredentials(ADMIN_A, memberId, List.of("account:read", "member:read"));
        basic(app.clientId(), app.secret(), "grant_type", "client_credentials")
                .then().statusCode(200).body("scope", equalTo("account:read member:read"));
    }

    @Test
    void refusesTokensOnceTheActingMemberIsDisabled() {
        String memberId = member("global_admin");
        var app = Apps.clientCredentials(ADMIN_A, memberId, List.of("account:read"));
        basic(app.clientId(), app.secret(), "grant_type", "client_credentials").then().statusCode(200);

        Directory.publishMember("disabled", TENANT_A, memberId, "global_admin", "disabled");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                basic(app.clientId(), app.secret(), "grant_type", "client_credentials")
                        .then().statusCode(400).body("error", equalTo("invalid_grant")));
    }

    @Test
    void rejectsRepeatedParameters() {
        var app = Apps.clientCredentials(ADMIN_A, member("global_admin"), List.of("account:read"));
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&scope=account:read&scope=account:read")
                .when().post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void publishesMetadataWithTheRealEndpoints() {
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
            given().when().get(path).then().statusCode(200)
                    .body("issuer", equalTo(ISSUER))
                    .body("token_endpoint", equalTo(ISSUER + "/oauth/token"))
                    .body("authorization_endpoint", equalTo(ISSUER + "/oauth/authorize"))
                    .body("jwks_uri", equalTo(ISSUER + "/oauth/jwks"))
                    .body("revocation_endpoint", equalTo(ISSUER + "/oauth/revoke"))
                    .body("introspection_endpoint", equalTo(ISSUER + "/oauth/introspect"))
                    .body("code_challenge_methods_supported", equalTo(List.of("S256")))
                    .body("grant_types_supported", hasItems("authorization_code", "refresh_token", "client_credentials"))
                    .body("token_endpoint_auth_methods_supported", hasItems("client_secret_basic", "client_secret_post", "tls_client_auth"))
                    .body("tls_client_certificate_bound_access_tokens", equalTo(true))
                    .body("mtls_endpoint_aliases.token_endpoint", equalTo("https://mtls.latchkey.test/oauth/token"))
                    .body("mtls_endpoint_aliases.revocation_endpoint", equalTo("https://mtls.latchkey.test/oauth/revoke"))
                    .body("mtls_endpoint_aliases.introspection_endpoint", equalTo("https://mtls.latchkey.test/oauth/introspect"));
        }
        // the endpoints named are served here
        given().when().get("/oauth/jwks").then().statusCode(200);
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .when().post("/oauth/token").then().statusCode(401);
    }
}
