package dev.latchkey.audit.rest;

import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.quarkus.LatchkeyIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling: the one place the service reads the principal (the tenant every query is narrowed to, the
 * name written into settings). {@code @RequiresScope} has already refused anonymous callers.
 */
@RequestScoped
public class Caller {
    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public LatchkeyPrincipal principal() {
        LatchkeyPrincipal p = LatchkeyIdentity.principalOf(identity);
        if (p == null) {
            throw ProblemException.unauthorized("A Latchkey credential is required.");
        }
        return p;
    }

    public String tenant() {
        return principal().tenant();
    }

    /** e.g. {@code member:m-1}. */
    public String reference() {
        LatchkeyPrincipal p = principal();
        return p.principalType() + ":" + p.principalId();
    }
}
