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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 8705 over a real TLS connection to the mutual-TLS port: the client presents the PKCS#12 it was issued and
 * trusts the Latchkey CA for the server certificate. No forwarded header is involved.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
class MutualTlsConnectionTest {
    static String member;

    @TestHTTPResource(value = "/", tls = true)
    URL tls;

    @Inject
    CertificateAuthority ca;

    @Inject
    ClientRegistry registry;

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
        member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, member, "global_admin", "active");
    }

    static Apps.Registered mtlsApp() {
        return Apps.mutualTls(ADMIN_A, member);
    }

    @Test
    void grantsACertificateBoundTokenToTheClientPresentingItsCertificate() throws Exception {
        var app = mtlsApp();
        HttpResponse<String> response = token(clientOf(app.body()), app.clientId());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build()
                .processToClaims(new JsonPath(response.body()).getString("access_token"));
        @SuppressWarnings("unchecked")
        Map<String, Object> cnf = (Map<String, Object>) claims.getClaimValue("cnf");
        assertThat(cnf).containsEntry("x5t#S256", thumbprint(app.body().getString("certificate.certificatePem")));

        // the same connection authenticates revocation and introspection (the metadata's mtls_endpoint_aliases)
        HttpResponse<String> introspection = post(clientOf(app.body()), "oauth/introspect",
                "client_id=" + app.clientId() + "&token=" + new JsonPath(response.body()).getString("access_token"));
        assertThat(introspection.statusCode()).isEqualTo(200);
        assertThat(new JsonPath(introspection.body()).getBoolean("active")).isTrue();
    }

    @Test
    void refusesTheClientWithoutACertificate() throws Exception {
        var app = mtlsApp();
        HttpResponse<String> response = token(withoutCertificate(), app.clientId());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonPath(response.body()).getString("error")).isEqualTo("invalid_client");
    }

    @Test
    void refusesTheCertificateOfAnotherApplication() throws Exception {
        var app = mtlsApp();
        var other = mtlsApp();
        HttpResponse<String> response = token(clientOf(other.body()), app.clientId());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonPath(response.body()).getString("error")).isEqualTo("invalid_client");
    }

    @Test
    void refusesAnExpiredCertificate() throws Exception {
        var app = mtlsApp();
        Instant past = Instant.now().minus(Duration.ofDays(400));
        CertificateAuthority.Issued expired = ca.issue(TENANT_A, app.clientId(), past, past.plus(Duration.ofDays(365)));
        // make it the application's current certificate, as if it had been issued a year ago and never renewed
        Directory.sql("UPDATE client_certificates SET serial_number = ?, thumbprint = ?, certificate_pem = ?, not_before = ?::timestamptz,"
                        + " not_after = ?::timestamptz WHERE application_id = ?::uuid AND status = 'active'",
                expired.serialNumber(), expired.thumbprint(), expired.certificatePem(), expired.notBefore().toString(),
                expired.notAfter().toString(), app.id());
        registry.invalidateClient(app.clientId());

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(Base64.getDecoder().decode(expired.pkcs12Base64())), expired.pkcs12Password().toCharArray());
        HttpResponse<String> response = token(client(p12, expired.pkcs12Password()), app.clientId());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonPath(response.body()).getString("error")).isEqualTo("invalid_client");
        assertThat(new JsonPath(response.body()).getString("error_description")).contains("expired");
    }

    @Test
    void refusesAtTheHandshakeACertificateTheLatchkeyCaDidNotIssue() throws Exception {
        var app = mtlsApp();
        // a certificate of the right shape from a CA of the test's own
        KeyStore foreign = foreignClientKeyStore(app.clientId(), "pw");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(foreign, "pw".toCharArray());
        X509ExtendedKeyManager keys = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        // offer it whatever the server's CertificateRequest names (it names none, for self-signed certificates)
        X509ExtendedKeyManager insisting = new X509ExtendedKeyManager() {
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return "client";
            }

            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[]{"client"};
            }

            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return "client";
            }

            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            public X509Certificate[] getCertificateChain(String alias) {
                return keys.getCertificateChain(alias);
            }

            public PrivateKey getPrivateKey(String alias) {
                return keys.getPrivateKey(alias);
            }
        };
        // the server refuses the handshake (TLS 1.3: the client may only notice on its first read)
        assertThatThrownBy(() -> token(client(new KeyManager[]{insisting}), app.clientId())).isInstanceOf(IOException.class);
    }

    @Test
    void servesTheServerCertificateIssuedByTheLatchkeyCa() throws Exception {
        HttpResponse<String> response = withoutCertificate().send(HttpRequest.newBuilder(tls.toURI().resolve("oauth/jwks")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        X509Certificate server = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(server.getIssuerX500Principal()).isEqualTo(ca.caCertificate().getSubjectX500Principal());
        server.verify(ca.caCertificate().getPublicKey());
    }

    private HttpResponse<String> token(HttpClient client, String clientId) throws Exception {
        return post(client, "oauth/token", "grant_type=client_credentials&client_id=" + clientId);
    }

    private HttpResponse<String> post(HttpClient client, String path, String form) throws Exception {
        URI uri = tls.toURI().resolve(path);
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client presenting the PKCS#12 that registration answered. */
    private HttpClient clientOf(JsonPath registration) throws Exception {
        String password = registration.getString("certificate.pkcs12Password");
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(Base64.getDecoder().decode(registration.getString("certificate.pkcs12"))),
                password.toCharArray());
        return client(p12, password);
    }

    private HttpClient withoutCertificate() throws Exception {
        return client((KeyManager[]) null);
    }

    /** A TLS client trusting only the Latchkey CA, presenting {@code p12}'s key when given. */
    private HttpClient client(KeyStore p12, String password) throws Exception {
        KeyManagerFactory kmf = null;
        if (p12 != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(p12, password == null ? new char[0] : password.toCharArray());
        }
        return client(kmf == null ? null : kmf.getKeyManagers());
    }

    private HttpClient client(KeyManager[] keyManagers) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("latchkey-ca", ca.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keyManagers, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A self-signed CA of the test's own and a client certificate from it, CN = the client id. */
    private static KeyStore foreignClientKeyStore(String clientId, String password) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caPair = g.generateKeyPair();
        KeyPair pair = g.generateKeyPair();
        X500Name caName = new X500Name("CN=Not Latchkey");
        Date from = Date.from(Instant.now().minusSeconds(60));
        Date to = Date.from(Instant.now().plus(Duration.ofDays(30)));
        X509Certificate caCert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName,
                BigInteger.ONE, from, to, caName, caPair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caPair.getPrivate())));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName,
                BigInteger.TWO, from, to, new X500Name("CN=" + clientId), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caPair.getPrivate())));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("client", pair.getPrivate(), password.toCharArray(), new java.security.cert.Certificate[]{cert, caCert});
        return p12;
    }

    private static String thumbprint(String pem) throws Exception {
        var cert = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }
}
