package dev.latchkey.verifier.quarkus;

import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.TokenVerifier;
import dev.latchkey.verifier.VerificationResult;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * Turns a verified credential into a {@link SecurityIdentity} whose principal is the {@link LatchkeyPrincipal}.
 * A failure carries its {@link dev.latchkey.verifier.FailureReason} in the exception's attributes for the
 * mechanism's challenge; the exception message never contains the credential.
 */
@Singleton
public class LatchkeyIdentityProvider implements IdentityProvider<LatchkeyAuthenticationRequest> {
    /** Attribute of the failure exception (and of the routing context) holding the reason. */
    public static final String FAILURE_REASON = "latchkey.failure-reason";

    private final TokenVerifier verifier;

    LatchkeyIdentityProvider(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Class<LatchkeyAuthenticationRequest> getRequestType() {
        return LatchkeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(LatchkeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return VertxContexts.onCallersContext(() -> Uni.createFrom().completionStage(() -> verifier.verify(request.request())))
                .map(this::toIdentity);
    }

    private SecurityIdentity toIdentity(VerificationResult result) {
        if (!result.isSuccess()) {
            throw new AuthenticationFailedException(result.failure().code(),
                    java.util.Map.of(FAILURE_REASON, result.failure()));
        }
        LatchkeyPrincipal p = result.principal();
        return new LatchkeyIdentity(p);
    }
}
