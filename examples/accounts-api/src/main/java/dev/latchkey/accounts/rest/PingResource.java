package dev.latchkey.accounts.rest;

import dev.latchkey.verifier.quarkus.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * The same trivial answer with and without authentication: what the HTTP benchmark compares to measure what
 * authentication adds to a request (bench/http).
 */
@Path("/api/v1/ping")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {
    private static final Map<String, String> PONG = Map.of("status", "ok");

    @GET
    public Map<String, String> open() {
        return PONG;
    }

    @GET
    @Path("protected")
    @RequiresScope("system_user:read")
    public Map<String, String> protectedPing() {
        return PONG;
    }
}
