package dev.latchkey.token.rest;

import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.config.TokenConfig;
import dev.latchkey.token.service.Caller;
import dev.latchkey.token.service.TokenIntrospection;
import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.Scopes;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * RFC 7662 introspection for verifiers (contract: libs/token-verifier README); the plain case (a {@code Bearer lkt_…}
 * caller) is answered before this by {@link IntrospectionRoute}, with the same answers. Inactive = exactly
 * {@code {"active":false}}, whatever the reason. A caller of the platform operator tenant may introspect every
 * tenant's tokens (the API backend's verifier); any other caller only its own tenant's.
 */
@Path("/api/v1/tokens/introspect")
public class IntrospectionResource {
    private static final Map<String, Object> INACTIVE = IntrospectionResult.inactive().toJsonMap();

    private final TokenIntrospection introspection;
    private final CallerContext callers;
    private final String operatorTenant;

    IntrospectionResource(TokenIntrospection introspection, CallerContext callers, TokenConfig config) {
        this.introspection = introspection;
        this.callers = callers;
        this.operatorTenant = config.platformOperatorTenant();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(Scopes.TOKEN_INTROSPECT)
    public Uni<Map<String, Object>> introspect(@FormParam("token") String token) {
        if (token == null || token.isEmpty()) {
            throw ProblemException.invalid("token", IntrospectionRoute.TOKEN_REQUIRED);
        }
        Caller caller = callers.caller();
        return introspection.introspectUni(token).map(r -> {
            if (!r.active() || (!operatorTenant.equals(caller.tenant()) && !caller.tenant().equals(r.tenant()))) {
                return INACTIVE;
            }
            return r.toJsonMap();
        });
    }
}
