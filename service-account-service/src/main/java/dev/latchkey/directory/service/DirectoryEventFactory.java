package dev.latchkey.directory.service;

import dev.latchkey.directory.config.DirectoryConfig;
import dev.latchkey.directory.repository.Member;
import dev.latchkey.directory.repository.ServiceAccount;
import dev.latchkey.directory.repository.Tenant;
import dev.latchkey.events.Actor;
import dev.latchkey.events.EventData;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.EventType;
import dev.latchkey.events.Target;
import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.events.credential.CredentialRevoked;
import dev.latchkey.events.credential.RevocationScope;
import dev.latchkey.events.directory.MemberInfo;
import dev.latchkey.events.directory.ServiceAccountInfo;
import dev.latchkey.events.directory.TenantInfo;
import dev.latchkey.events.directory.TenantLimits;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Builds this context's events: the aggregate's full state in each, and the revocation records. */
@ApplicationScoped
public class DirectoryEventFactory {
    public static final String SOURCE = "/service-account-service";

    private final DirectoryConfig config;

    DirectoryEventFactory(DirectoryConfig config) {
        this.config = config;
    }

    public static <T extends EventData> EventEnvelope event(EventType<T> type, T data) {
        return EventEnvelope.of(SOURCE, type, data);
    }

    public static TenantInfo info(Tenant t) {
        return new TenantInfo(t.serviceId(), t.name(), t.status(), new TenantLimits(t.oauthApplicationsLimit()));
    }

    public static MemberInfo info(Member m) {
        return new MemberInfo(m.id(), m.userName(), m.email(), m.shownName(), m.role(), m.status());
    }

    public static ServiceAccountInfo info(ServiceAccount a) {
        return new ServiceAccountInfo(a.id(), a.name(), a.description(), a.managers(), a.status());
    }

    public static Target target(Tenant t) {
        return new Target("tenant", t.serviceId());
    }

    public static Target target(Member m) {
        return new Target("member", m.id());
    }

    public static Target target(ServiceAccount a) {
        return new Target("service_account", a.id());
    }

    /** Every credential of one principal issued before now stops ({@code subject:<tenant>:<id>}). */
    public EventEnvelope subjectRevoked(String tenant, Actor actor, Target principal, Instant now, String reason) {
        return revocation(new CredentialRevoked(tenant, actor, principal, now, RevocationScope.SUBJECT,
                tenant + ":" + principal.id(), now, now.plus(config.revocationRetention()), reason));
    }

    /** Every credential of a tenant issued before now stops ({@code tenant:<id>}); kept for good. */
    public EventEnvelope tenantRevoked(Tenant t, Actor actor, Instant now, String reason) {
        return revocation(new CredentialRevoked(t.serviceId(), actor, target(t), now, RevocationScope.TENANT,
                t.serviceId(), now, null, reason));
    }

    private static EventEnvelope revocation(CredentialRevoked data) {
        return EventEnvelope.of(SOURCE, CredentialEvents.REVOKED, data).withKey(data.key());
    }
}
