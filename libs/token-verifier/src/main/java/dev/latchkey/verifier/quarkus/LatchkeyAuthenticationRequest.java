package dev.latchkey.verifier.quarkus;

import dev.latchkey.verifier.VerificationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** Carries one request's credential and context from the mechanism to {@link LatchkeyIdentityProvider}. */
public final class LatchkeyAuthenticationRequest extends BaseAuthenticationRequest {
    private final VerificationRequest request;

    public LatchkeyAuthenticationRequest(VerificationRequest request) {
        this.request = request;
    }

    public VerificationRequest request() {
        return request;
    }
}
