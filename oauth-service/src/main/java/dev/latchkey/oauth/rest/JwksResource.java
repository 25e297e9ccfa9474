package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.service.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public signing keys: next, current and previous (verifiers refetch on an unknown kid). */
@Path("/oauth/jwks")
public class JwksResource {
    private final SigningKeys keys;

    JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "application/jwk-set+json"})
    public Response jwks() {
        return Response.ok(keys.active().jwksJson(), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "public, max-age=" + SigningKeys.JWKS_MAX_AGE.toSeconds()).build();
    }
}
