package dev.latchkey.accounts.rest;

import dev.latchkey.accounts.support.StubTokenService;
import dev.latchkey.accounts.support.TestCertificates;
import dev.latchkey.accounts.support.Tokens;
import dev.latchkey.accounts.support.VerifierTestResource;
import dev.latchkey.events.Topics;
import dev.latchkey.events.credential.RevocationScope;
import dev.latchkey.testsupport.TestInfrastructure;
import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.quarkus.ClientCertificates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@WithTestResource(VerifierTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthenticationTest {
    private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    @BeforeEach
    void revocationsAreLoaded() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static void searchAnswers(RequestSpecification request, int status) {
        request.contentType(ContentType.JSON).body("{}").post("/api/v1/search/accounts").then().statusCode(status);
    }

    // ---------------------------------------------------------------- extraction

    @Test
    void aValidTokenWithTheScopeIsAccepted() {
        searchAnswers(bearer(Tokens.opaque("account:read")), 200);
    }

    @Test
    void whoamiReturnsThePrincipal() {
        String token = Tokens.opaque("system_user:read", "account:all");
        bearer(token).get("/api/v1/users/whoami").then().statusCode(200)
                .body("tenant", equalTo(Tokens.TENANT))
                .body("principalType", equalTo("service_account"))
                .body("credentialKind", equalTo("api_token"))
                .body("scopes", hasItem("account:all"));
    }

    @Test
    void theAuthTokenHeaderIsAccepted() {
        given().header("Auth-Token", Tokens.opaque("system_user:read")).get("/api/v1/users/whoami").then().statusCode(200);
    }

    @Test
    void theAuthTokenFormFieldOfAPostIsAccepted() {
        given().contentType(ContentType.URLENC).formParam("auth_token", Tokens.opaque("system_user:read"))
                .post("/api/v1/users/whoami").then().statusCode(200).body("principalType", equalTo("service_account"));
    }

    @Test
    void noCredentialIsA401WithABareChallenge() {
        given().get("/api/v1/users/whoami").then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void aCredentialInTheQueryStringIsA400ThatSaysWhy() {
        for (String name : List.of("access_token", "auth_token", "token")) {
            given().queryParam(name, Tokens.opaque("system_user:read")).get("/api/v1/users/whoami").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("query string"));
        }
    }

    @Test
    void formFieldsAndOtherQueryParametersAreNotMistakenForACredentialInTheQuery() {
        String token = Tokens.opaque("system_user:read");
        bearer(token).contentType(ContentType.URLENC).formParam("token", "lkt_whatever")
                .post("/api/v1/users/whoami").then().statusCode(200);
        bearer(token).queryParam("tokens", "x").queryParam("page_token", "y").get("/api/v1/users/whoami")
                .then().statusCode(200);
        given().urlEncodingEnabled(false).get("/api/v1/users/whoami?access%5Ftoken=x").then().statusCode(400);
    }

    // ---------------------------------------------------------------- opaque tokens

    @Test
    void aMalformedTokenIs401() {
        bearer("lkt_tooshort").get("/api/v1/users/whoami").then().statusCode(401).header("WWW-Authenticate", INVALID_TOKEN);
        bearer("not-a-token-at-all").get("/api/v1/users/whoami").then().statusCode(401).header("WWW-Authenticate", INVALID_TOKEN);
    }

    @Test
    void aBadChecksumIs401WithoutAskingTokenService() {
        String token = Tokens.opaque("system_user:read");
        char last = token.charAt(token.length() - 1);
        String typo = token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a');
        int before = StubTokenService.get().introspections();
        bearer(typo).get("/api/v1/users/whoami").then().statusCode(401).header("WWW-Authenticate", INVALID_TOKEN);
        assertThat(StubTokenService.get().introspections()).isEqualTo(before);
    }

    @Test
    void anUnknownTokenIs401() {
        bearer(dev.latchkey.verifier.OpaqueTokens.generate("lkt_")).get("/api/v1/users/whoami").then().statusCode(401)
                .header("WWW-Authenticate", INVALID_TOKEN);
    }

    @Test
    void anExpiredTokenIs401() {
        String token = Tokens.opaque(r -> IntrospectionResult.active(r.tokenId(), r.sub(), r.ownerType(), r.tenant(),
                r.scope(), Instant.now().minusSeconds(1), r.iat(), "private", List.of()), "system_user:read");
        bearer(token).get("/api/v1/users/whoami").then().statusCode(401).header("WWW-Authenticate", INVALID_TOKEN);
    }

    @Test
    void answersAreCachedAndConcurrentLookupsCoalesced() {
        String token = Tokens.opaque("system_user:read");
        int before = StubTokenService.get().introspections();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> bearer(token).get("/api/v1/users/whoami").statusCode()));
        }
        calls.forEach(c -> assertThat(c.join()).isEqualTo(200));
        bearer(token).get("/api/v1/users/whoami").then().statusCode(200);
        assertThat(StubTokenService.get().introspections() - before).isEqualTo(1);
    }

    @Test
    void aMissingScopeIs403NamingTheScope() {
        String token = Tokens.opaque("account:read");
        bearer(token).contentType(ContentType.JSON).body("{\"id\":\"a1\",\"name\":\"A\"}").post("/int-hub/api/v1/accounts")
                .then().statusCode(403)
                .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"account:upsert\"");
    }

    @Test
    void impliedScopesAreHonouredOnEveryEndpoint() {
        String all = Tokens.opaque("account:all", "user:all", "system_user:read");
        bearer(all).contentType(ContentType.JSON).body("{\"id\":\"a1\",\"name\":\"Acme\"}").post("/int-hub/api/v1/accounts")
                .then().statusCode(200);
        bearer(all).contentType(ContentType.JSON).body("{\"name\":\"tier\",\"type\":\"string\"}")
                .post("/int-hub/api/v1/accounts/attributes").then().statusCode(200);
        bearer(all).delete("/api/v2/users/account-user/a1/u1").then().statusCode(204);
        bearer(all).contentType(ContentType.JSON).body("{\"name\":\"acm\"}").post("/api/v1/search/accounts")
                .then().statusCode(200).body("[0].name", equalTo("Acme"));
        String upsert = Tokens.opaque("account:upsert");
        bearer(upsert).contentType(ContentType.JSON).body("{\"name\":\"tier\",\"type\":\"string\"}")
                .post("/int-hub/api/v1/accounts/attributes").then().statusCode(403);
        String admin = Tokens.opaque("admin");
        bearer(admin).delete("/api/v2/users/account-user/a1/u1").then().statusCode(204);
    }

    // ---------------------------------------------------------------- public tokens

    @Test
    void aPublicTokenIsAcceptedOnlyFromItsOrigins() {
        String token = Tokens.opaque(r -> Tokens.publicToken(r, "https://app.example", "http://localhost:3000"),
                "system_user:read");
        bearer(token).header("Origin", "https://app.example").get("/api/v1/users/whoami").then().statusCode(200);
        bearer(token).header("Referer", "http://localhost:3000/page?q=1").get("/api/v1/users/whoami").then().statusCode(200);
        bearer(token).header("Origin", "https://evil.example").get("/api/v1/users/whoami").then().statusCode(401)
                .header("WWW-Authenticate", INVALID_TOKEN);
        bearer(token).header("Origin", "https://app.example:8443").get("/api/v1/users/whoami").then().statusCode(401);
        bearer(token).get("/api/v1/users/whoami").then().statusCode(401).header("WWW-Authenticate", INVALID_TOKEN);
    }

    @Test
    void aPrivateTokenIgnoresOrigin() {
        bearer(Tokens.opaque("system_user:read")).header("Origin", "https://evil.example").get("/api/v1/users/whoami")
                .then().statusCode(200);
    }

    // ---------------------------------------------------------------- revocation of opaque tokens

    @Test
    void aRevokedTokenIsRefusedAsSoonAsTheEventArrives() {
        revokeAndExpect401(RevocationScope.TOKEN, "revoked");
    }

    @Test
    void aRegeneratedTokenIsRefused() {
        revokeAndExpect401(RevocationScope.TOKEN, "regenerated");
    }

    @Test
    void aTokenOfADisabledOwnerIsRefused() {
        revokeAndExpect401(RevocationScope.SUBJECT, "owner_disabled");
    }

    private void revokeAndExpect401(RevocationScope scope, String reason) {
        String[] holder = new String[1];
        String token = Tokens.opaque(r -> {
            holder[0] = scope == RevocationScope.TOKEN ? r.tokenId() : r.tenant() + ":" + r.sub();
            return r;
        }, "system_user:read");
        bearer(token).get("/api/v1/users/whoami").then().statusCode(200);
        // token-service makes it inactive, then publishes; the cached positive answer must not survive the event
        StubTokenService.get().deactivate(token);
        bearer(token).get("/api/v1/users/whoami").then().statusCode(200);
        Tokens.revoke(scope, holder[0], Instant.now(), reason);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                bearer(token).get("/api/v1/users/whoami").then().statusCode(401).header("WWW-Authenticate", INVALID_TOKEN));
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "latchkey_verifier_verifications_total{outcome=\"failure\",reason=\"" + reason + "\"}"));
    }

    // ---------------------------------------------------------------- JWTs

    @Test
    void aValidJwtIsAccepted() {
        Tokens.revoke(RevocationScope.TOKEN, "warm-up", Instant.now(), "revoked");
        String jwt = Tokens.jwt(c -> { });
        bearer(jwt).get("/api/v1/users/whoami").then().statusCode(200)
                .body("credentialKind", equalTo("jwt")).body("clientId", equalTo("client-1"))
                .body("principalType", equalTo("member"));
        searchAnswers(bearer(jwt), 200);
        bearer(jwt).contentType(ContentType.JSON).body("{\"id\":\"a\"}").post("/int-hub/api/v1/accounts").then().statusCode(403);
    }

    @Test
    void jwtsWithWrongIssuerAudienceTypeSignatureAlgorithmOrTimesAre401() throws Exception {
        var stranger = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        var key = StubTokenService.get().signingKey().getPrivateKey();
        Map<String, String> cases = Map.of(
                "wrong iss", Tokens.jwt(c -> c.setIssuer("https://evil.test")),
                "wrong aud", Tokens.jwt(c -> c.setAudience("someone-else")),
                "wrong typ", Tokens.jwt(c -> { }, key, "k1", "ES256", "JWT"),
                "no typ", Tokens.jwt(c -> { }, key, "k1", "ES256", null),
                "bad signature", Tokens.jwt(c -> { }, stranger.getPrivateKey(), "k1", "ES256", "at+jwt"),
                "unknown kid", Tokens.jwt(c -> { }, stranger.getPrivateKey(), "k9", "ES256", "at+jwt"),
                "alg none", Tokens.jwt(c -> { }, null, "k1", "none", "at+jwt"),
                "expired", Tokens.jwt(c -> {
                    c.setIssuedAt(Tokens.secondsFromNow(-600));
                    c.setExpirationTime(Tokens.secondsFromNow(-120));
                }),
                "not yet valid", Tokens.jwt(c -> c.setNotBefore(Tokens.secondsFromNow(120))),
                "no tenant", Tokens.jwt(c -> c.unsetClaim("tenant")));
        cases.forEach((name, jwt) -> bearer(jwt).get("/api/v1/users/whoami").then()
                .statusCode(401).header("WWW-Authenticate", INVALID_TOKEN));
        given().get("/q/metrics").then().body(containsString("reason=\"algorithm_refused\""))
                .body(containsString("reason=\"wrong_issuer\"")).body(containsString("reason=\"wrong_audience\""))
                .body(containsString("reason=\"wrong_type\"")).body(containsString("reason=\"bad_signature\""))
                .body(containsString("reason=\"expired\"")).body(containsString("reason=\"not_yet_valid\""))
                .body(containsString("reason=\"missing_claim\""));
    }

    @Test
    void aRevokedJwtIsRefused() {
        String jti = java.util.UUID.randomUUID().toString();
        String jwt = Tokens.jwt(c -> c.setJwtId(jti));
        bearer(jwt).get("/api/v1/users/whoami").then().statusCode(200);
        Tokens.revoke(RevocationScope.JTI, jti, Instant.now(), "revoked");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                bearer(jwt).get("/api/v1/users/whoami").then().statusCode(401));
    }

    @Test
    void jwtsIssuedBeforeASubjectClientOrTenantNotBeforeAreRefused() {
        String subject = "m-" + java.util.UUID.randomUUID();
        String old = Tokens.jwt(c -> {
            c.setSubject(subject);
            c.setIssuedAt(Tokens.secondsFromNow(-60));
        });
        bearer(old).get("/api/v1/users/whoami").then().statusCode(200);
        Tokens.revoke(RevocationScope.SUBJECT, Tokens.TENANT + ":" + subject, Instant.now().minusSeconds(5), "owner_disabled");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                bearer(old).get("/api/v1/users/whoami").then().statusCode(401));
        // issued after the not-before: the member was re-enabled and signed in again
        bearer(Tokens.jwt(c -> c.setSubject(subject))).get("/api/v1/users/whoami").then().statusCode(200);

        String client = "client-" + java.util.UUID.randomUUID();
        String byClient = Tokens.jwt(c -> {
            c.setClaim("client_id", client);
            c.setIssuedAt(Tokens.secondsFromNow(-60));
        });
        bearer(byClient).get("/api/v1/users/whoami").then().statusCode(200);
        Tokens.revoke(RevocationScope.CLIENT, Tokens.TENANT + ":" + client, Instant.now().minusSeconds(5), "revoked");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                bearer(byClient).get("/api/v1/users/whoami").then().statusCode(401));
    }

    @Test
    void aCertificateBoundJwtNeedsThatCertificate() throws Exception {
        X509Certificate mine = TestCertificates.selfSigned("mine");
        X509Certificate other = TestCertificates.selfSigned("other");
        String jwt = Tokens.jwt(c -> c.setClaim("cnf", Map.of("x5t#S256", ClientCertificates.thumbprint(mine))));
        bearer(jwt).get("/api/v1/users/whoami").then().statusCode(401).header("WWW-Authenticate", INVALID_TOKEN);
        bearer(jwt).header("ssl-client-cert", TestCertificates.forwarded(other)).get("/api/v1/users/whoami")
                .then().statusCode(401);
        bearer(jwt).header("ssl-client-cert", TestCertificates.forwarded(mine)).get("/api/v1/users/whoami")
                .then().statusCode(200);
        given().get("/q/metrics").then().body(containsString("reason=\"certificate_missing\""))
                .body(containsString("reason=\"certificate_mismatch\""));
    }

    // ---------------------------------------------------------------- usage

    @Test
    void usesArePublishedAsAggregates() {
        String[] id = new String[1];
        String token = Tokens.opaque(r -> {
            id[0] = r.tokenId();
            return r;
        }, "system_user:read");
        for (int i = 0; i < 3; i++) {
            bearer(token).get("/api/v1/users/whoami").then().statusCode(200);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CREDENTIAL_USAGE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long[] total = {0};
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (id[0].equals(r.key())) {
                        assertThat(r.value()).doesNotContain(token);
                        total[0] += dev.latchkey.events.EventJson.read(r.value(),
                                dev.latchkey.events.credential.CredentialUsageReported.class).count();
                    }
                }
                return total[0] == 3;
            });
        }
    }

    // ---------------------------------------------------------------- fail closed (runs last: stops the broker)

    @Test
    @Order(Integer.MAX_VALUE)
    void whenRevocationsFallBehindTheBoundEveryCredentialIsRefusedAndReadinessIsDown() {
        String token = Tokens.opaque("system_user:read");
        bearer(token).get("/api/v1/users/whoami").then().statusCode(200);
        TestInfrastructure.kafka().stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                bearer(token).get("/api/v1/users/whoami").then().statusCode(401).header("WWW-Authenticate", INVALID_TOKEN);
                given().get("/q/health/ready").then().statusCode(503);
            });
        } finally {
            TestInfrastructure.kafka().start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                bearer(token).get("/api/v1/users/whoami").then().statusCode(200));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }
}
