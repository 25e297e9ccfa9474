package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.rest.model.ApplicationRequest;
import dev.latchkey.oauth.rest.model.ApplicationUpdate;
import dev.latchkey.oauth.rest.model.ApplicationView;
import dev.latchkey.oauth.rest.model.ApplicationWithSecret;
import dev.latchkey.oauth.rest.model.CertificateBundle;
import dev.latchkey.oauth.rest.model.Page;
import dev.latchkey.oauth.rest.model.SelfSignedCertificate;
import dev.latchkey.oauth.rest.model.SelfSignedCertificateRequest;
import dev.latchkey.oauth.rest.model.SecretRotation;
import dev.latchkey.oauth.service.ApplicationService;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.quarkus.LatchkeyIdentity;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** OAuth applications of the caller's tenant. Writes need {@code oauth_app:*} scopes only global admins can hold. */
@Path("/api/v1/oauth-apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {
    private final ApplicationService service;
    private final SecurityIdentity identity;

    ApplicationResource(ApplicationService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RequiresScope("oauth_app:create")
    public Uni<Response> register(ApplicationRequest request, UriInfo uri) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body describing the application is required.");
        }
        return service.register(caller(), request).map(created -> Response
                .created(uri.getAbsolutePathBuilder().path(created.application().id()).build())
                .header("Cache-Control", "no-store").entity(created).build());
    }

    @GET
    @RequiresScope("oauth_app:read")
    public Uni<Page<ApplicationView>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                                           UriInfo uri) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw ProblemException.invalid("limit", "must be between 1 and 200");
        }
        Instant afterCreated = null;
        UUID afterId = null;
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                afterCreated = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API returned");
            }
        }
        return service.page(caller(), afterCreated, afterId, size + 1).map(items -> {
            if (items.size() <= size) {
                return new Page<>(items, null);
            }
            List<ApplicationView> page = items.subList(0, size);
            ApplicationView last = page.get(size - 1);
            String next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
            return new Page<>(page, uri.getAbsolutePathBuilder().queryParam("limit", size).queryParam("cursor", next)
                    .build().toString());
        });
    }

    @GET
    @Path("{id}")
    @RequiresScope("oauth_app:read")
    public Uni<ApplicationView> get(@PathParam("id") String id) {
        return service.get(caller(), uuid(id));
    }

    @PATCH
    @Path("{id}")
    @RequiresScope("oauth_app:update")
    public Uni<ApplicationView> update(@PathParam("id") String id, ApplicationUpdate update) {
        if (update == null) {
            throw ProblemException.badRequest("A JSON body with the fields to change is required.");
        }
        return service.update(caller(), uuid(id), update);
    }

    @POST
    @Path("{id}/secret")
    @RequiresScope("oauth_app:update")
    public Uni<Response> rotateSecret(@PathParam("id") String id, SecretRotation rotation) {
        return service.rotateSecret(caller(), uuid(id), rotation == null ? null : rotation.gracePeriodSeconds())
                .map(r -> Response.ok(r).header("Cache-Control", "no-store").build());
    }

    @DELETE
    @Path("{id}")
    @RequiresScope("oauth_app:delete")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(caller(), uuid(id)).map(x -> Response.noContent().build());
    }

    @GET
    @Path("{id}/certificate")
    @RequiresScope("oauth_app:read")
    public Uni<CertificateBundle> certificate(@PathParam("id") String id) {
        return service.certificate(caller(), uuid(id));
    }

    @GET
    @Path("{id}/certificate")
    @Produces("application/x-pem-file")
    @RequiresScope("oauth_app:read")
    public Uni<String> certificatePem(@PathParam("id") String id) {
        return service.certificate(caller(), uuid(id)).map(c -> c.certificatePem() + c.caCertificatePem());
    }

    @POST
    @Path("{id}/certificate/renew")
    @Consumes(MediaType.WILDCARD)
    @RequiresScope("oauth_app:update")
    public Uni<Response> renewCertificate(@PathParam("id") String id) {
        return service.renewCertificate(caller(), uuid(id))
                .map(c -> Response.ok(c).header("Cache-Control", "no-store").build());
    }

    /** Registers a self-signed certificate for self_signed_tls_client_auth (RFC 8705 §2.2): its PEM, never a key. */
    @POST
    @Path("{id}/certificates/self-signed")
    @RequiresScope("oauth_app:update")
    public Uni<Response> registerSelfSigned(@PathParam("id") String id, SelfSignedCertificateRequest request, UriInfo uri) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body with certificatePem is required.");
        }
        return service.registerSelfSigned(caller(), uuid(id), request.certificatePem()).map(c -> Response
                .created(uri.getAbsolutePathBuilder().path(c.thumbprint()).build()).entity(c).build());
    }

    @GET
    @Path("{id}/certificates/self-signed")
    @RequiresScope("oauth_app:read")
    public Uni<Page<SelfSignedCertificate>> selfSignedCertificates(@PathParam("id") String id) {
        return service.selfSignedCertificates(caller(), uuid(id)).map(list -> new Page<>(list, null));
    }

    @DELETE
    @Path("{id}/certificates/self-signed/{thumbprint}")
    @RequiresScope("oauth_app:update")
    public Uni<Response> removeSelfSigned(@PathParam("id") String id, @PathParam("thumbprint") String thumbprint) {
        return service.removeSelfSigned(caller(), uuid(id), thumbprint).map(x -> Response.noContent().build());
    }

    private LatchkeyPrincipal caller() {
        LatchkeyPrincipal p = LatchkeyIdentity.principalOf(identity);
        if (p == null) {
            throw ProblemException.unauthorized("A Latchkey credential is required.");
        }
        return p;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("OAuth application", id);
        }
    }
}
