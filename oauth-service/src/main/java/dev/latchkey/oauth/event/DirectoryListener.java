package dev.latchkey.oauth.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.EventJson;
import dev.latchkey.events.Target;
import dev.latchkey.events.oauth.ConsentRevoked;
import dev.latchkey.events.oauth.OAuthEvents;
import dev.latchkey.oauth.repository.DirectoryRepository;
import dev.latchkey.oauth.repository.GrantRepository;
import dev.latchkey.oauth.service.ClientRegistry;
import dev.latchkey.oauth.service.GrantService;
import dev.latchkey.oauth.service.Revocations;
import dev.latchkey.outbox.Outbox;
import dev.latchkey.outbox.ProcessedEvents;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects latchkey.directory.events (tenants: status and OAuth application limit; members: role and status).
 * A member who becomes disabled or deleted loses at once: their refresh tokens (and the access tokens issued with
 * them), their consents, and — through a {@code subject:} revocation — every access token naming them as subject,
 * including those of client-credentials applications acting as them (which then can get no new token).
 */
@ApplicationScoped
public class DirectoryListener {
    static final String CONSUMER = "oauth-service.directory-projection";

    private final Pool pool;
    private final ProcessedEvents processed;
    private final DirectoryRepository directory;
    private final GrantRepository grants;
    private final GrantService grantService;
    private final ClientRegistry registry;
    private final Outbox outbox;

    DirectoryListener(Pool pool, ProcessedEvents processed, DirectoryRepository directory, GrantRepository grants,
                      GrantService grantService, ClientRegistry registry, Outbox outbox) {
        this.pool = pool;
        this.processed = processed;
        this.directory = directory;
        this.grants = grants;
        this.grantService = grantService;
        this.registry = registry;
        this.outbox = outbox;
    }

    @Incoming("directory")
    public Uni<Void> consume(Message<String> message) {
        EventEnvelope event;
        try {
            IncomingKafkaRecordMetadata<?, ?> meta = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
            event = EventEnvelope.fromKafka(meta.getTopic(), meta.getKey() == null ? null : meta.getKey().toString(),
                    meta.getHeaders(), message.getPayload());
        } catch (RuntimeException e) {
            Log.warnf("skipping a directory record that is not a CloudEvent: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.ack());
        }
        return pool.withTransaction(tx -> processed.firstDelivery(tx, CONSUMER, event.id())
                        .chain(first -> first ? apply(tx, event) : Uni.createFrom().voidItem()))
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private Uni<Void> apply(SqlConnection tx, EventEnvelope event) {
        JsonNode data;
        try {
            data = EventJson.mapper().readTree(event.data());
        } catch (Exception e) {
            Log.warnf("skipping directory event %s: data is not JSON", event.id());
            return Uni.createFrom().voidItem();
        }
        String tenant = data.path("tenant").asText(null);
        if (tenant == null) {
            return Uni.createFrom().voidItem();
        }
        if (event.type().startsWith("latchkey.directory.tenant.")) {
            JsonNode info = data.path("tenantInfo");
            JsonNode limit = info.path("limits").path("oauthApplications");
            return directory.upsertTenant(tx, tenant, info.path("status").asText("active"),
                    limit.isInt() ? limit.asInt() : null);
        }
        if (event.type().startsWith("latchkey.directory.member.")) {
            JsonNode member = data.path("member");
            String id = member.path("id").asText(data.path("target").path("id").asText(null));
            String role = member.path("role").asText("member");
            String userName = member.path("userName").asText(null);
            String status = event.type().contains(".deleted.") ? "deleted" : member.path("status").asText("active");
            if (id == null) {
                return Uni.createFrom().voidItem();
            }
            return directory.member(tx, tenant, id).chain(previous -> {
                Uni<Void> upsert = directory.upsertMember(tx, tenant, id, userName, role, status);
                boolean lostAccess = !"active".equals(status)
                        && (previous.isEmpty() || !previous.get().status().equals(status));
                Actor actor = actor(data);
                return (lostAccess ? upsert.chain(() -> revokeMember(tx, tenant, id, status, actor)) : upsert)
                        .invoke(() -> registry.invalidateMember(tenant, id));
            });
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> revokeMember(SqlConnection tx, String tenant, String memberId, String status, Actor actor) {
        Instant now = Instant.now();
        String reason = "member_" + status;
        Log.infof("member %s of %s is %s: revoking their OAuth tokens and consents", memberId, tenant, status);
        return grants.revokeMember(tx, tenant, memberId)
                .chain(access -> grantService.revokeAccess(tx, access, now, reason))
                .chain(() -> grants.deleteConsents(tx, tenant, memberId))
                .chain(apps -> {
                    List<EventEnvelope> events = new ArrayList<>();
                    for (String[] app : apps) {
                        events.add(EventEnvelope.of(Revocations.SOURCE, OAuthEvents.CONSENT_REVOKED,
                                new ConsentRevoked(tenant, actor, new Target("consent", memberId + ":" + app[0]), now,
                                        memberId, app[0], app[1], reason)));
                    }
                    events.add(Revocations.subject(tenant, actor, memberId, now, reason));
                    return outbox.append(tx, events);
                });
    }

    private static Actor actor(JsonNode data) {
        JsonNode a = data.path("actor");
        String type = a.path("type").asText(null);
        String id = a.path("id").asText(null);
        return type == null || id == null ? Actor.system("service-account-service") : new Actor(type, id);
    }
}
