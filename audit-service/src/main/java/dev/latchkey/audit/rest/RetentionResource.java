package dev.latchkey.audit.rest;

import dev.latchkey.audit.rest.model.RetentionSettings;
import dev.latchkey.audit.rest.model.RetentionUpdate;
import dev.latchkey.audit.service.AuditConfig;
import dev.latchkey.audit.service.RetentionService;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** How long the caller's tenant keeps its audit records. */
@Path("/api/v2/audit/retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {
    private final RetentionService retention;
    private final AuditConfig config;
    private final Caller caller;

    public RetentionResource(RetentionService retention, AuditConfig config, Caller caller) {
        this.retention = retention;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @RequiresScope("audit:read")
    @Operation(summary = "The tenant's retention period (the default when never set)")
    public Uni<RetentionSettings> get() {
        return retention.get(caller.tenant()).map(RetentionResource::toApi);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin")
    @Operation(summary = "Set the tenant's retention period in days")
    public Uni<RetentionSettings> put(@Valid @NotNull(message = "a body is required") RetentionUpdate update) {
        if (!retention.validRange(update.retentionDays())) {
            throw ProblemException.invalid("retentionDays", "must be between " + config.retention().minDays()
                    + " and " + config.retention().maxDays() + " days");
        }
        return retention.set(caller.tenant(), update.retentionDays(), caller.reference()).map(RetentionResource::toApi);
    }

    private static RetentionSettings toApi(RetentionService.Setting s) {
        return new RetentionSettings(s.retentionDays(), s.isDefault(), s.updatedAt(), s.updatedBy());
    }
}
