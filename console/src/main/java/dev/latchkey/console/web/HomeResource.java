package dev.latchkey.console.web;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The console's entry and the page after signing out. */
@Path("/")
public class HomeResource {
    private final Template signedOut;

    public HomeResource(Template signedOut) {
        this.signedOut = signedOut;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/integration")).build();
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return signedOut.instance();
    }
}
