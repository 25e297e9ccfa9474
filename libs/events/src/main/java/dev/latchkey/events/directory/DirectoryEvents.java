package dev.latchkey.events.directory;

import dev.latchkey.events.EventData;
import dev.latchkey.events.EventType;
import dev.latchkey.events.Topics;

import java.util.List;

/**
 * Contracts published on {@code dev.latchkey.events.Topics#DIRECTORY_EVENTS} by service-account-service: tenants,
 * members, service accounts. Every event carries the aggregate's full current state ({@code tenantInfo},
 * {@code member} or {@code serviceAccount}) so a projection can upsert from any one of them; the record key is
 * the aggregate's id (the service ID for tenants).
 */
public final class DirectoryEvents {
    public static final EventType<TenantCreated> TENANT_CREATED = type("tenant", "created", TenantCreated.class);
    public static final EventType<TenantUpdated> TENANT_UPDATED = type("tenant", "updated", TenantUpdated.class);
    public static final EventType<TenantSuspended> TENANT_SUSPENDED = type("tenant", "suspended", TenantSuspended.class);
    public static final EventType<TenantReactivated> TENANT_REACTIVATED = type("tenant", "reactivated", TenantReactivated.class);

    public static final EventType<MemberCreated> MEMBER_CREATED = type("member", "created", MemberCreated.class);
    public static final EventType<MemberUpdated> MEMBER_UPDATED = type("member", "updated", MemberUpdated.class);
    public static final EventType<MemberRoleChanged> MEMBER_ROLE_CHANGED = type("member", "role_changed", MemberRoleChanged.class);
    public static final EventType<MemberDisabled> MEMBER_DISABLED = type("member", "disabled", MemberDisabled.class);
    public static final EventType<MemberEnabled> MEMBER_ENABLED = type("member", "enabled", MemberEnabled.class);
    public static final EventType<MemberDeleted> MEMBER_DELETED = type("member", "deleted", MemberDeleted.class);

    public static final EventType<ServiceAccountCreated> SERVICE_ACCOUNT_CREATED = type("service_account", "created", ServiceAccountCreated.class);
    public static final EventType<ServiceAccountUpdated> SERVICE_ACCOUNT_UPDATED = type("service_account", "updated", ServiceAccountUpdated.class);
    public static final EventType<ServiceAccountDisabled> SERVICE_ACCOUNT_DISABLED = type("service_account", "disabled", ServiceAccountDisabled.class);
    public static final EventType<ServiceAccountEnabled> SERVICE_ACCOUNT_ENABLED = type("service_account", "enabled", ServiceAccountEnabled.class);
    public static final EventType<ServiceAccountDeleted> SERVICE_ACCOUNT_DELETED = type("service_account", "deleted", ServiceAccountDeleted.class);

    public static final List<EventType<?>> ALL = List.of(
            TENANT_CREATED, TENANT_UPDATED, TENANT_SUSPENDED, TENANT_REACTIVATED,
            MEMBER_CREATED, MEMBER_UPDATED, MEMBER_ROLE_CHANGED, MEMBER_DISABLED, MEMBER_ENABLED, MEMBER_DELETED,
            SERVICE_ACCOUNT_CREATED, SERVICE_ACCOUNT_UPDATED, SERVICE_ACCOUNT_DISABLED, SERVICE_ACCOUNT_ENABLED,
            SERVICE_ACCOUNT_DELETED);

    private static <T extends EventData> EventType<T> type(String aggregate, String verb, Class<T> data) {
        return new EventType<>("latchkey.directory." + aggregate + "." + verb + ".v1", Topics.DIRECTORY_EVENTS, data);
    }

    private DirectoryEvents() {
    }
}
