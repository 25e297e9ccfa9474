package dev.latchkey.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.util.UUID;

/** A stand-in for a service resource: it passes no client address or User-Agent to the write path. */
@Path("/widgets")
public class WidgetResource {
    private final WidgetService widgets;

    WidgetResource(WidgetService widgets) {
        this.widgets = widgets;
    }

    @POST
    @Path("/{name}")
    public Uni<Void> create(@PathParam("name") String name) {
        return widgets.create(UUID.randomUUID().toString(), name, 0, false);
    }
}
