package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.service.CertificateAuthority;
import dev.latchkey.oauth.service.ClientRegistry;
import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.ADMIN_B;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * {@code self_signed_tls_client_auth} (RFC 8705 §2.2) over real TLS connections to the mutual-TLS port: an application
 * registers its own self-signed certificate through the API and authenticates with it; the certificates are generated
 * here with BouncyCastle.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
class SelfSignedTlsClientAuthTest {
    static String member;

    @TestHTTPResource(value = "/", tls = true)
    URL tls;

    @Inject
    ClientRegistry registry;

    @Inject
    CertificateAuthority ca;

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
        member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, member, "global_admin", "active");
    }

    /** A self-signed certificate and its key. */
    record SelfSignedCert(X509Certificate certificate, KeyPair keys) {
        String pem() throws Exception {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                w.writeObject(certificate);
            }
            return out.toString();
        }

        String thumbprint() throws Exception {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        }
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    static SelfSignedCert selfSigned(String cn) throws Exception {
        return certificate(cn, ec("secp256r1"), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)), false);
    }

    static SelfSignedCert certificate(String cn, KeyPair keys, Instant from, Instant to, boolean ca) throws Exception {
        return certificate(cn, keys, from, to, ca ? Map.of(Extension.basicConstraints, new BasicConstraints(true)) : Map.of());
    }

    static SelfSignedCert certificate(String cn, KeyPair keys, Instant from, Instant to,
                                      Map<ASN1ObjectIdentifier, ASN1Encodable> extensions) throws Exception {
        X500Name name = new X500Name("CN=" + cn);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                Date.from(from), Date.from(to), name, keys.getPublic());
        for (var e : extensions.entrySet()) {
            b.addExtension(e.getKey(), true, e.getValue());
        }
        String alg = keys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(keys.getPrivate())));
        return new SelfSignedCert(cert, keys);
    }

    static Apps.Registered secretApp() {
        return Apps.clientCredentials(ADMIN_A, member, List.of("account:read"));
    }

    static io.restassured.response.Response register(String admin, String appId, String pem) {
        return given().header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                .body(Map.of("certificatePem", pem))
                .when().post("/api/v1/oauth-apps/" + appId + "/certificates/self-signed");
    }

    @Test
    void grantsACertificateBoundTokenToTheClientPresentingItsRegisteredSelfSignedCertificate() throws Exception {
        var app = secretApp();
        SelfSignedCert cert = selfSigned("my-service");
        register(ADMIN_A, app.id(), cert.pem()).then().statusCode(201)
                .header("Location", containsString("/certificates/self-signed/" + cert.thumbprint()))
                .body("thumbprint", equalTo(cert.thumbprint()))
                .body("serialNumber", equalTo(cert.certificate().getSerialNumber().toString(16)))
                .body("notAfter", equalTo(cert.certificate().getNotAfter().toInstant().toString()));
        given().header("Authorization", "Bearer " + ADMIN_A).get("/api/v1/oauth-apps/" + app.id() + "/certificates/self-signed")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].thumbprint", equalTo(cert.thumbprint()))
                .body("items[0].certificatePem", equalTo(null));

        HttpResponse<String> response = token(client(cert), app.clientId());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build()
                .processToClaims(new JsonPath(response.body()).getString("access_token"));
        @SuppressWarnings("unchecked")
        Map<String, Object> cnf = (Map<String, Object>) claims.getClaimValue("cnf");
        assertThat(cnf).containsEntry("x5t#S256", cert.thumbprint());

        // with a certificate registered, the secret alone no longer authenticates it (as for a mutual-TLS application)
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/oauth/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        assertThat(ApplicationResourceTest.query("SELECT type FROM outbox WHERE type = ? AND data LIKE '%"
                + cert.thumbprint() + "%'", "latchkey.oauth.certificate.registered.v1")).hasSize(1);
    }

    @Test
    void aCertificateNeitherIssuedByTheCaNorRegisteredAuthenticatesNoOne() throws Exception {
        var withCertificate = secretApp();
        register(ADMIN_A, withCertificate.id(), selfSigned("registered").pem()).then().statusCode(201);
        var mtls = Apps.mutualTls(ADMIN_A, member);
        var secretOnly = secretApp();
        SelfSignedCert stranger = selfSigned(withCertificate.clientId());

        for (String clientId : List.of(withCertificate.clientId(), mtls.clientId(), secretOnly.clientId(), "lkapp_unknown")) {
            HttpResponse<String> response = token(client(stranger), clientId);
            assertThat(response.statusCode()).as(clientId).isEqualTo(401);
            assertThat(new JsonPath(response.body()).getString("error")).isEqualTo("invalid_client");
        }
    }

    @Test
    void aSelfSignedCertificateOfOneApplicationDoesNotAuthenticateAnother() throws Exception {
        var a = secretApp();
        var b = secretApp();
        SelfSignedCert certA = selfSigned("a");
        register(ADMIN_A, a.id(), certA.pem()).then().statusCode(201);
        register(ADMIN_A, b.id(), selfSigned("b").pem()).then().statusCode(201);

        HttpResponse<String> response = token(client(certA), b.clientId());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonPath(response.body()).getString("error")).isEqualTo("invalid_client");
        assertThat(token(client(certA), a.clientId()).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesARegisteredCertificateThatHasExpired() throws Exception {
        var app = secretApp();
        SelfSignedCert cert = selfSigned("expiring");
        register(ADMIN_A, app.id(), cert.pem()).then().statusCode(201);
        // as if it had been registered long ago and expired since (registration refuses an expired one)
        Directory.sql("UPDATE self_signed_certificates SET not_after = now() - interval '1 day' WHERE application_id = ?::uuid",
                app.id());
        registry.invalidateClient(app.clientId());

        HttpResponse<String> response = token(client(cert), app.clientId());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonPath(response.body()).getString("error")).isEqualTo("invalid_client");
        assertThat(new JsonPath(response.body()).getString("error_description")).contains("expired");
    }

    @Test
    void refusesToRegisterWhatIsNotAValidSelfSignedClientCertificate() throws Exception {
        var app = secretApp();
        Instant now = Instant.now();
        SelfSignedCert otherKey = selfSigned("x");
        // issuer = subject, but signed with another key than its own
        X500Name name = new X500Name("CN=forged");
        KeyPair own = ec("secp256r1");
        X509Certificate forged = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.TEN, Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), name, own.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(otherKey.keys().getPrivate())));
        // issued by another CA: issuer ≠ subject
        X509Certificate issued = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name("CN=Some CA"), BigInteger.TWO, Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=leaf"), own.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(otherKey.keys().getPrivate())));

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("not PEM", "hello");
        refused.put("a key, not a certificate", "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n");
        refused.put("not self-signed", new SelfSignedCert(issued, own).pem());
        refused.put("signature does not verify", new SelfSignedCert(forged, own).pem());
        refused.put("expired", certificate("old", ec("secp256r1"), now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), false).pem());
        refused.put("not yet valid", certificate("new", ec("secp256r1"), now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), false).pem());
        refused.put("CA", certificate("ca", ec("secp256r1"), now.minusSeconds(60), now.plus(Duration.ofDays(30)), true).pem());
        refused.put("RSA 1024", certificate("weak", rsa(1024), now.minusSeconds(60), now.plus(Duration.ofDays(30)), false).pem());
        refused.put("EC P-521", certificate("p521", ec("secp521r1"), now.minusSeconds(60), now.plus(Duration.ofDays(30)), false).pem());
        refused.put("server only", certificate("server", ec("secp256r1"), now.minusSeconds(60), now.plus(Duration.ofDays(30)),
                Map.of(Extension.extendedKeyUsage, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))).pem());
        refused.put("no digitalSignature", certificate("encipher", ec("secp256r1"), now.minusSeconds(60), now.plus(Duration.ofDays(30)),
                Map.of(Extension.keyUsage, new KeyUsage(KeyUsage.keyAgreement))).pem());
        for (var e : refused.entrySet()) {
            var answer = register(ADMIN_A, app.id(), e.getValue());
            assertThat(answer.statusCode()).as(e.getKey() + ": " + answer.asString()).isEqualTo(400);
            answer.then().contentType("application/problem+json").body("errors.field", hasItem("certificatePem"));
        }
        register(ADMIN_A, app.id(), refused.get("not self-signed")).then().body("detail", containsString("not self-signed"));
        register(ADMIN_A, app.id(), refused.get("expired")).then().body("detail", containsString("expired"));
        register(ADMIN_A, app.id(), refused.get("CA")).then().body("detail", containsString("CA"));
        register(ADMIN_A, app.id(), refused.get("RSA 1024")).then().body("detail", containsString("1024-bit RSA"));
        register(ADMIN_A, app.id(), refused.get("server only")).then().body("detail", containsString("lacks clientAuth"));
        register(ADMIN_A, app.id(), refused.get("no digitalSignature")).then().body("detail", containsString("lacks digitalSignature"));
        // limited uses that include TLS client authentication are fine
        register(ADMIN_A, app.id(), certificate("client", ec("secp256r1"), now.minusSeconds(60), now.plus(Duration.ofDays(30)),
                Map.of(Extension.extendedKeyUsage, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth),
                        Extension.keyUsage, new KeyUsage(KeyUsage.digitalSignature))).pem()).then().statusCode(201);

        SelfSignedCert rsa = certificate("rsa", rsa(2048), now.minusSeconds(60), now.plus(Duration.ofDays(30)), false);
        register(ADMIN_A, app.id(), rsa.pem()).then().statusCode(201);
        register(ADMIN_A, app.id(), certificate("p384", ec("secp384r1"), now.minusSeconds(60), now.plus(Duration.ofDays(30)), false).pem())
                .then().statusCode(201);
        register(ADMIN_A, app.id(), rsa.pem()).then().statusCode(409).contentType("application/problem+json");
        // another tenant's application does not exist for its admins
        register(ADMIN_B, app.id(), selfSigned("b").pem()).then().statusCode(404);
    }

    @Test
    void aRemovedCertificateStopsAuthenticating() throws Exception {
        var app = secretApp();
        SelfSignedCert cert = selfSigned("removed");
        register(ADMIN_A, app.id(), cert.pem()).then().statusCode(201);
        assertThat(token(client(cert), app.clientId()).statusCode()).isEqualTo(200);

        given().header("Authorization", "Bearer " + ADMIN_B)
                .delete("/api/v1/oauth-apps/" + app.id() + "/certificates/self-signed/" + cert.thumbprint()).then().statusCode(404);
        given().header("Authorization", "Bearer " + ADMIN_A)
                .delete("/api/v1/oauth-apps/" + app.id() + "/certificates/self-signed/" + cert.thumbprint()).then().statusCode(204);
        given().header("Authorization", "Bearer " + ADMIN_A)
                .delete("/api/v1/oauth-apps/" + app.id() + "/certificates/self-signed/" + cert.thumbprint()).then().statusCode(404);
        given().header("Authorization", "Bearer " + ADMIN_A).get("/api/v1/oauth-apps/" + app.id() + "/certificates/self-signed")
                .then().statusCode(200).body("items", hasSize(0));

        HttpResponse<String> response = token(client(cert), app.clientId());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonPath(response.body()).getString("error")).isEqualTo("invalid_client");
        assertThat(ApplicationResourceTest.query("SELECT type FROM outbox WHERE type = ? AND data LIKE '%"
                + cert.thumbprint() + "%'", "latchkey.oauth.certificate.unregistered.v1")).hasSize(1);
    }

    @Test
    void theMetadataAdvertisesTheMethod() {
        given().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("token_endpoint_auth_methods_supported", hasItem("self_signed_tls_client_auth"))
                .body("token_endpoint_auth_methods_supported", hasItem("tls_client_auth"));
    }

    private HttpResponse<String> token(HttpClient client, String clientId) throws Exception {
        URI uri = tls.toURI().resolve("oauth/token");
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A stock JDK client presenting {@code cert}, trusting only the Latchkey CA for the server certificate. */
    private HttpClient client(SelfSignedCert cert) throws Exception {
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("client", cert.keys().getPrivate(), "pw".toCharArray(), new java.security.cert.Certificate[]{cert.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(p12, "pw".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("latchkey-ca", ca.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }
}
