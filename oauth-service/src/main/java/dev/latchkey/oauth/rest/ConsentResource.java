package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.rest.model.ConsentView;
import dev.latchkey.oauth.rest.model.Page;
import dev.latchkey.oauth.service.ConsentService;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.quarkus.LatchkeyIdentity;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/**
 * The caller's own consents ({@code /api/v1/oauth-apps/consents}): which applications may act for them, with which
 * scopes, and revoking one. Only a member has consents; both reads and revocation need {@code oauth_app:read}
 * (every member may hold it — withdrawing one's own consent must not need an administrator's scope — while an
 * OAuth application's token, which holds only the API scopes it was granted, cannot touch consents).
 */
@Path("/api/v1/oauth-apps/consents")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {
    private final ConsentService service;
    private final SecurityIdentity identity;

    ConsentResource(ConsentService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @RequiresScope("oauth_app:read")
    public Uni<Page<ConsentView>> list() {
        return service.list(member()).map(consents -> new Page<>(consents.stream()
                .map(c -> new ConsentView(c.consent().applicationId().toString(), c.clientId(), c.applicationName(),
                        c.consent().scopes(), c.consent().grantedAt()))
                .toList(), null));
    }

    @DELETE
    @Path("/{applicationId}")
    @RequiresScope("oauth_app:read")
    public Uni<Response> revoke(@PathParam("applicationId") String applicationId) {
        UUID id;
        try {
            id = UUID.fromString(applicationId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Consent to application", applicationId);
        }
        return service.revoke(member(), id).map(revoked -> {
            if (!revoked) {
                throw ProblemException.notFound("Consent to application", applicationId);
            }
            return Response.noContent().build();
        });
    }

    private LatchkeyPrincipal member() {
        LatchkeyPrincipal p = LatchkeyIdentity.principalOf(identity);
        if (p == null || !p.isMember()) {
            throw ProblemException.forbidden("Only a member has consents to OAuth applications.");
        }
        return p;
    }
}
