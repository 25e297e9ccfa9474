package dev.latchkey.verifier.quarkus;

import dev.latchkey.verifier.RevocationStore;
import dev.latchkey.verifier.TokenVerifier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import jakarta.enterprise.context.ApplicationScoped;

/** DOWN while the verifier fails closed because it is behind the revocation topic (or has not read it yet). */
@Readiness
@ApplicationScoped
public class RevocationReadinessCheck implements HealthCheck {
    private final TokenVerifier verifier;

    RevocationReadinessCheck(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public HealthCheckResponse call() {
        RevocationStore store = verifier.revocations();
        return HealthCheckResponse.named("latchkey-verifier-revocations")
                .status(!verifier.revocationsBehind())
                .withData("lagSeconds", store.lag().toSeconds())
                .withData("recordsBehind", store.recordsBehind())
                .withData("revocations", store.size())
                .build();
    }
}
