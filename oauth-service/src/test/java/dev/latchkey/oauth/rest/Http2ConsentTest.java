package dev.latchkey.oauth.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.latchkey.oauth.support.Browser;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.oauth.support.Readiness;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A_ID;
import static dev.latchkey.oauth.support.TestCredentials.MEMBER_A_ID;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent form posted over cleartext HTTP/2 with prior knowledge (h2c, what {@code curl --http2-prior-knowledge}
 * does): the same answer as over HTTP/1.1.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
@WithTestResource(OidcWiremockTestResource.class)
public class Http2ConsentTest {
    private static Vertx vertx;
    private static io.vertx.core.http.HttpClient h2c;

    @OidcWireMock
    WireMockServer provider;

    @BeforeAll
    static void start() {
        // the members AuthorizationCodeTest seeds (idempotent), in case this class runs first
        Directory.seedTenantLimit(TENANT_A, 1000);
        Directory.seedMember(TENANT_A, MEMBER_A_ID, AuthorizationCodeTest.MEMBER_A_EMAIL, "member", "active");
        Directory.seedMember(TENANT_A, ADMIN_A_ID, "admin-a@example.com", "global_admin", "active");
        vertx = Vertx.vertx();
        h2c = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void ready() {
        Readiness.awaitReady();
    }

    record Answer(HttpVersion version, int status, String location, String body) {
    }

    private static Answer postH2c(String path, Map<String, String> form, String cookie) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
                .setPort(RestAssured.port).setURI(path)
                .putHeader("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null && !cookie.isEmpty()) {
            options.putHeader("Cookie", cookie);
        }
        return h2c.request(options)
                .compose(req -> req.send(Buffer.buffer(body)).compose(res -> res.body()
                        .map(b -> new Answer(res.version(), res.statusCode(), res.getHeader("Location"), b.toString()))))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void anApprovedConsentPostedOverH2cRedirectsToTheClientWithACode() throws Exception {
        var app = AuthorizationCodeTest.webApp();
        Browser browser = new Browser(provider, AuthorizationCodeTest.MEMBER_A_EMAIL, TENANT_A);
        Map<String, String> form = AuthorizationCodeTest.consentForm(browser.authorize(AuthorizationCodeTest.authParams(app)));
        form.put("decision", "approve");

        Answer answer = postH2c("/oauth/authorize", form, browser.cookieHeader());

        assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        URI location = URI.create(answer.location());
        assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath())
                .isEqualTo(AuthorizationCodeTest.CALLBACK);
        assertThat(Browser.query(location).get("code")).startsWith("lka_");
        assertThat(Browser.query(location).get("state")).isEqualTo("xyz-state");
    }

    @Test
    void aConsentPostedOverH2cWithoutASessionGoesToTheSignInAsOverHttp11() throws Exception {
        Answer answer = postH2c("/oauth/authorize", Map.of("decision", "approve"), null);

        assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
        var http11 = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("decision", "approve").post("/oauth/authorize");
        assertThat(answer.status()).as(answer.body()).isEqualTo(http11.statusCode());
    }
}
