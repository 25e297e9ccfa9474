package dev.latchkey.accounts.support;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link VerifierTestResource} plus an HTTPS port (which asks for client certificates: application.properties), and no forwarded-certificate
 * header: the verifier can only take the certificate from the TLS session. Key material is written to
 * {@link #DIR} for the test's client: {@code server.p12} (localhost), {@code mine.p12} and {@code other.p12} (client
 * certificates the listener trusts), {@code trust.p12} (the listener's trust store).
 */
public class MutualTlsTestResource extends VerifierTestResource {
    public static final Path DIR = Path.of("target", "mtls-test").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.remove("latchkey.verifier.client-certificate-header");
        try {
            TestCertificates.keyStore(DIR.resolve("server.p12"), "localhost", "dns:localhost,ip:127.0.0.1");
            X509Certificate mine = (X509Certificate) TestCertificates.keyStore(DIR.resolve("mine.p12"), "mine", null).getCertificate("c");
            X509Certificate other = (X509Certificate) TestCertificates.keyStore(DIR.resolve("other.p12"), "other", null).getCertificate("c");
            TestCertificates.trustStore(DIR.resolve("trust.p12"), mine, other);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test certificates", e);
        }
        config.put("quarkus.tls.key-store.p12.path", DIR.resolve("server.p12").toString());
        config.put("quarkus.tls.key-store.p12.password", TestCertificates.PASSWORD);
        config.put("quarkus.tls.trust-store.p12.path", DIR.resolve("trust.p12").toString());
        config.put("quarkus.tls.trust-store.p12.password", TestCertificates.PASSWORD);
        config.put("quarkus.http.test-ssl-port", "0");
        return config;
    }
}
