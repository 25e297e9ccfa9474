package dev.latchkey.token.rest;

import dev.latchkey.token.rest.model.TokenPolicyView;
import dev.latchkey.token.service.TokenPolicyService;
import dev.latchkey.verifier.Scopes;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The tenant's token policy: everyone who manages tokens may read it, global admins change it. */
@Path("/api/v1/token-policy")
@Produces(MediaType.APPLICATION_JSON)
public class TokenPolicyResource {
    private final TokenPolicyService policies;
    private final CallerContext callers;

    TokenPolicyResource(TokenPolicyService policies, CallerContext callers) {
        this.policies = policies;
        this.callers = callers;
    }

    @GET
    @RequiresScope("token:read")
    public Uni<TokenPolicyView> get() {
        return policies.get(callers.caller()).map(TokenMapper::policy);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.ADMIN)
    public Uni<TokenPolicyView> put(TokenPolicyView policy) {
        return policies.put(callers.caller(), policy).map(TokenMapper::policy);
    }
}
