package dev.latchkey.accounts.support;

import dev.latchkey.events.Topics;
import dev.latchkey.testsupport.KafkaBroker;
import dev.latchkey.testsupport.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.List;
import java.util.Map;

/**
 * The real Kafka broker of the test JVM (no database: accounts-api has none) and the stub token-service.
 */
public class VerifierTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        KafkaBroker kafka = TestInfrastructure.kafka();
        kafka.createTopics(List.of(Topics.CREDENTIAL_REVOCATIONS, Topics.CREDENTIAL_USAGE));
        StubTokenService stub = StubTokenService.get();
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "latchkey.verifier.introspection.url", stub.baseUrl() + "/api/v1/tokens/introspect",
                "latchkey.verifier.introspection.credential", StubTokenService.INTROSPECTION_CREDENTIAL,
                "latchkey.verifier.issuers.oauth.issuer", "https://issuer.test",
                "latchkey.verifier.issuers.oauth.jwks-url", stub.baseUrl() + "/oauth/jwks",
                "latchkey.verifier.audience", "latchkey",
                "latchkey.verifier.client-certificate-header", "ssl-client-cert",
                "latchkey.verifier.revocations.lag-bound", "4S");
    }

    @Override
    public void stop() {
        // the broker belongs to the test JVM; the stub dies with it
    }
}
