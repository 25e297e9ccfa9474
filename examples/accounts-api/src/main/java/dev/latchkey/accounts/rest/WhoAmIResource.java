package dev.latchkey.accounts.rest;

import dev.latchkey.accounts.rest.model.WhoAmI;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.quarkus.LatchkeyIdentity;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.TreeSet;

/** Returns the caller's principal: what end-to-end tests and people debugging a token look at. */
@Path("/api/v1/users/whoami")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope("system_user:read")
public class WhoAmIResource {
    private final SecurityIdentity identity;

    WhoAmIResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public WhoAmI get() {
        return whoami();
    }

    /** The same, for clients that can only send the token as the {@code auth_token} form field. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public WhoAmI post() {
        return whoami();
    }

    private WhoAmI whoami() {
        LatchkeyPrincipal p = LatchkeyIdentity.principalOf(identity);
        return new WhoAmI(p.tenant(), p.principalType(), p.principalId(), p.credentialKind().value(),
                p.credentialId(), p.clientId(), new TreeSet<>(p.scopes()));
    }
}
