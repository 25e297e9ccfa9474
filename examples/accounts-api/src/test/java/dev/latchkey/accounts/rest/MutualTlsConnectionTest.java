package dev.latchkey.accounts.rest;

import dev.latchkey.accounts.support.MutualTlsTestResource;
import dev.latchkey.accounts.support.TestCertificates;
import dev.latchkey.accounts.support.Tokens;
import dev.latchkey.verifier.quarkus.ClientCertificates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * RFC 8705 certificate-bound JWTs over a real TLS connection: the verifier reads the client certificate from the
 * TLS session (no forwarded header is configured), and only the certificate named by {@code cnf.x5t#S256} works.
 */
@QuarkusTest
@WithTestResource(MutualTlsTestResource.class)
class MutualTlsConnectionTest {

    @TestHTTPResource(value = "/api/v1/users/whoami", tls = true)
    URL whoami;

    @BeforeEach
    void revocationsAreLoaded() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aCertificateBoundJwtWorksOnlyOverAConnectionWithThatCertificate() throws Exception {
        KeyStore mine = TestCertificates.load(MutualTlsTestResource.DIR.resolve("mine.p12"));
        KeyStore other = TestCertificates.load(MutualTlsTestResource.DIR.resolve("other.p12"));
        String thumbprint = ClientCertificates.thumbprint(mine.getCertificate("c"));
        String jwt = Tokens.jwt(c -> c.setClaim("cnf", Map.of("x5t#S256", thumbprint)));

        HttpResponse<String> ok = get(client(mine), jwt, null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("\"credentialKind\":\"jwt\"");

        HttpResponse<String> different = get(client(other), jwt, null);
        assertThat(different.statusCode()).isEqualTo(401);
        assertThat(different.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");

        HttpResponse<String> none = get(client(null), jwt, null);
        assertThat(none.statusCode()).isEqualTo(401);

        // no header is trusted here: a forwarded certificate sent by the client itself counts for nothing
        HttpResponse<String> forged = get(client(null), jwt, TestCertificates.forwarded((java.security.cert.X509Certificate) mine.getCertificate("c")));
        assertThat(forged.statusCode()).isEqualTo(401);

        given().get("/q/metrics").then().body(containsString("reason=\"certificate_missing\""))
                .body(containsString("reason=\"certificate_mismatch\""));
    }

    @Test
    void aTokenWithoutCertificateBindingIgnoresTheClientCertificate() throws Exception {
        KeyStore mine = TestCertificates.load(MutualTlsTestResource.DIR.resolve("mine.p12"));
        HttpResponse<String> response = get(client(mine), Tokens.jwt(c -> { }), null);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(HttpClient client, String jwt, String forwardedCertificate) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(whoami.toURI()).header("Authorization", "Bearer " + jwt);
        if (forwardedCertificate != null) {
            request.header("ssl-client-cert", forwardedCertificate);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Trusts the test server certificate; presents {@code keys}' certificate when given. */
    private static HttpClient client(KeyStore keys) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", TestCertificates.load(MutualTlsTestResource.DIR.resolve("server.p12")).getCertificate("c"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (keys != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, TestCertificates.PASSWORD.toCharArray());
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
