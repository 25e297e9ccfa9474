package dev.latchkey.directory.config;

import dev.latchkey.events.Actor;
import dev.latchkey.events.Target;
import dev.latchkey.events.credential.CredentialRevoked;
import dev.latchkey.events.directory.MemberCreated;
import dev.latchkey.events.directory.MemberDeleted;
import dev.latchkey.events.directory.MemberDisabled;
import dev.latchkey.events.directory.MemberEnabled;
import dev.latchkey.events.directory.MemberInfo;
import dev.latchkey.events.directory.MemberRoleChanged;
import dev.latchkey.events.directory.MemberUpdated;
import dev.latchkey.events.directory.ServiceAccountCreated;
import dev.latchkey.events.directory.ServiceAccountDeleted;
import dev.latchkey.events.directory.ServiceAccountDisabled;
import dev.latchkey.events.directory.ServiceAccountEnabled;
import dev.latchkey.events.directory.ServiceAccountInfo;
import dev.latchkey.events.directory.ServiceAccountUpdated;
import dev.latchkey.events.directory.TenantCreated;
import dev.latchkey.events.directory.TenantInfo;
import dev.latchkey.events.directory.TenantLimits;
import dev.latchkey.events.directory.TenantReactivated;
import dev.latchkey.events.directory.TenantSuspended;
import dev.latchkey.events.directory.TenantUpdated;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Event records this service writes with Jackson outside REST resources (EventJson): native images need them. */
@RegisterForReflection(targets = {Actor.class, Target.class, CredentialRevoked.class,
        TenantCreated.class, TenantUpdated.class, TenantSuspended.class, TenantReactivated.class, TenantInfo.class,
        TenantLimits.class, MemberCreated.class, MemberUpdated.class, MemberRoleChanged.class, MemberDisabled.class,
        MemberEnabled.class, MemberDeleted.class, MemberInfo.class, ServiceAccountCreated.class,
        ServiceAccountUpdated.class, ServiceAccountDisabled.class, ServiceAccountEnabled.class,
        ServiceAccountDeleted.class, ServiceAccountInfo.class})
public final class NativeReflection {
    private NativeReflection() {
    }
}
