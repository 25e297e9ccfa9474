package dev.latchkey.stock;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Map;

/** A stock resource server: only standard Jakarta / MicroProfile security, nothing from Latchkey. */
@Path("/stock")
@Produces(MediaType.APPLICATION_JSON)
public class StockResource {
    @Inject
    JsonWebToken token;

    /** Any valid access token. */
    @GET
    @Path("whoami")
    @Authenticated
    public Map<String, Object> whoami() {
        return Map.of("subject", token.getSubject(), "issuer", token.getIssuer(),
                "clientId", String.valueOf(token.<Object>getClaim("client_id")), "scope", String.valueOf(token.<Object>getClaim("scope")));
    }

    /** Needs the scope {@code account:read} (exactly: a stock server knows nothing of Latchkey's implication rules). */
    @GET
    @Path("items")
    @RolesAllowed("account:read")
    public List<Map<String, Object>> items() {
        return List.of(Map.of("sku", "LK-001", "name", "latch", "quantity", 12), Map.of("sku", "LK-002", "name", "key", "quantity", 40));
    }

    @POST
    @Path("items")
    @RolesAllowed("account:upsert")
    public Map<String, Object> add() {
        return Map.of("added", true);
    }
}
