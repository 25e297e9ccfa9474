package dev.latchkey.directory.rest;

import dev.latchkey.directory.service.Caller;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.quarkus.LatchkeyIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The one place the caller comes from: the token-verifier's identity of this request. */
@RequestScoped
public class CallerContext {
    private final SecurityIdentity identity;

    CallerContext(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller caller() {
        LatchkeyPrincipal p = LatchkeyIdentity.principalOf(identity);
        if (p == null) {
            throw ProblemException.unauthorized("a Latchkey credential is required");
        }
        return Caller.of(p);
    }
}
