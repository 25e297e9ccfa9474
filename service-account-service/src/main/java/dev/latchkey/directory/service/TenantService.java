package dev.latchkey.directory.service;

import dev.latchkey.directory.config.DirectoryConfig;
import dev.latchkey.directory.repository.PageCursor;
import dev.latchkey.directory.repository.Tenant;
import dev.latchkey.directory.repository.TenantRepository;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.directory.DirectoryEvents;
import dev.latchkey.events.directory.TenantCreated;
import dev.latchkey.events.directory.TenantReactivated;
import dev.latchkey.events.directory.TenantSuspended;
import dev.latchkey.events.directory.TenantUpdated;
import dev.latchkey.outbox.Outbox;
import dev.latchkey.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Tenants: the platform operator's business. */
@ApplicationScoped
public class TenantService {
    public static final Pattern SERVICE_ID = Pattern.compile("^SP-[0-9]{1,12}-[0-9]{2}$");

    private final Pool pool;
    private final TenantRepository tenants;
    private final Outbox outbox;
    private final DirectoryEventFactory events;
    private final DirectoryConfig config;

    TenantService(Pool pool, TenantRepository tenants, Outbox outbox, DirectoryEventFactory events,
                  DirectoryConfig config) {
        this.pool = pool;
        this.tenants = tenants;
        this.outbox = outbox;
        this.events = events;
        this.config = config;
    }

    /** The limit of a tenant created without {@code limits}. */
    public Integer defaultOauthApplications() {
        return config.defaultOauthApplications();
    }

    /** Only a principal holding {@code admin} (checked by the resource) in the operator tenant. */
    public void requireOperator(Caller caller) {
        if (!config.operatorTenant().equals(caller.tenant())) {
            throw ProblemException.forbidden("Managing tenants is for the platform operator (a principal holding "
                    + "'admin' in the operator tenant).");
        }
    }

    public Uni<Tenant> create(Caller caller, String serviceId, String name, Integer oauthApplicationsLimit) {
        requireOperator(caller);
        Instant now = Times.now();
        Tenant t = new Tenant(serviceId, name, Tenant.ACTIVE, oauthApplicationsLimit, now, now);
        return pool.withTransaction(tx -> insert(tx, caller, t)).map(created -> {
            if (!created) {
                throw ProblemException.conflict("Tenant " + serviceId + " already exists.");
            }
            Log.infof("tenant %s created by %s:%s", serviceId, caller.principalType(), caller.principalId());
            return t;
        });
    }

    /** Inserts the tenant and its created event; {@code false} (and nothing written) when it exists. */
    Uni<Boolean> insert(SqlConnection tx, Caller caller, Tenant t) {
        return tenants.insert(tx, t).call(created -> created
                ? outbox.append(tx, DirectoryEventFactory.event(DirectoryEvents.TENANT_CREATED, new TenantCreated(
                t.serviceId(), caller.actor(), DirectoryEventFactory.target(t), t.createdAt(),
                DirectoryEventFactory.info(t))))
                : Uni.createFrom().voidItem());
    }

    public Uni<Tenant> get(Caller caller, String serviceId) {
        requireOperator(caller);
        return tenants.find(pool, serviceId, false).map(t -> t.orElseThrow(() -> notFound(serviceId)));
    }

    public Uni<List<Tenant>> page(Caller caller, PageCursor after, int limit) {
        requireOperator(caller);
        return tenants.page(pool, after, limit);
    }

    /** Name and/or limits; {@code clearLimit} removes the OAuth application limit. */
    public Uni<Tenant> update(Caller caller, String serviceId, String name, Integer limit, boolean limitGiven) {
        requireOperator(caller);
        return pool.withTransaction(tx -> tenants.find(tx, serviceId, true).chain(found -> {
            Tenant before = found.orElseThrow(() -> notFound(serviceId));
            Instant now = Times.now();
            Tenant after = before.with(name == null ? before.name() : name,
                    limitGiven ? limit : before.oauthApplicationsLimit(), now);
            List<String> changes = new ArrayList<>();
            if (!after.name().equals(before.name())) {
                changes.add("name");
            }
            if (!Objects.equals(after.oauthApplicationsLimit(), before.oauthApplicationsLimit())) {
                changes.add("limits");
            }
            if (changes.isEmpty()) {
                return Uni.createFrom().item(before);
            }
            return tenants.update(tx, after).chain(() -> outbox.append(tx, DirectoryEventFactory.event(
                    DirectoryEvents.TENANT_UPDATED, new TenantUpdated(serviceId, caller.actor(),
                            DirectoryEventFactory.target(after), now, DirectoryEventFactory.info(after), changes))))
                    .replaceWith(after);
        }));
    }

    /** Suspends: every credential of the tenant issued before now stops working (tenant not-before). */
    public Uni<Tenant> suspend(Caller caller, String serviceId) {
        requireOperator(caller);
        if (config.operatorTenant().equals(serviceId)) {
            throw ProblemException.conflict("The operator tenant cannot be suspended: nobody could manage tenants "
                    + "any more.");
        }
        return pool.withTransaction(tx -> tenants.find(tx, serviceId, true).chain(found -> {
            Tenant before = found.orElseThrow(() -> notFound(serviceId));
            if (Tenant.SUSPENDED.equals(before.status())) {
                return Uni.createFrom().item(before);
            }
            Instant now = Times.now();
            Tenant after = before.withStatus(Tenant.SUSPENDED, now);
            List<EventEnvelope> out = List.of(
                    DirectoryEventFactory.event(DirectoryEvents.TENANT_SUSPENDED, new TenantSuspended(serviceId,
                            caller.actor(), DirectoryEventFactory.target(after), now, DirectoryEventFactory.info(after))),
                    events.tenantRevoked(after, caller.actor(), now, "tenant_suspended"));
            return tenants.update(tx, after).chain(() -> outbox.append(tx, out)).replaceWith(after);
        })).invoke(t -> Log.infof("tenant %s suspended by %s:%s", serviceId, caller.principalType(),
                caller.principalId()));
    }

    /** Reactivates; credentials issued before the suspension stay revoked (the not-before is kept). */
    public Uni<Tenant> reactivate(Caller caller, String serviceId) {
        requireOperator(caller);
        return pool.withTransaction(tx -> tenants.find(tx, serviceId, true).chain(found -> {
            Tenant before = found.orElseThrow(() -> notFound(serviceId));
            if (Tenant.ACTIVE.equals(before.status())) {
                return Uni.createFrom().item(before);
            }
            Instant now = Times.now();
            Tenant after = before.withStatus(Tenant.ACTIVE, now);
            return tenants.update(tx, after).chain(() -> outbox.append(tx, DirectoryEventFactory.event(
                    DirectoryEvents.TENANT_REACTIVATED, new TenantReactivated(serviceId, caller.actor(),
                            DirectoryEventFactory.target(after), now, DirectoryEventFactory.info(after)))))
                    .replaceWith(after);
        }));
    }

    private static ProblemException notFound(String serviceId) {
        return ProblemException.notFound("tenant", serviceId);
    }
}
