package dev.latchkey.directory.service;

import dev.latchkey.directory.config.BootstrapConfig;
import dev.latchkey.directory.repository.Member;
import dev.latchkey.directory.repository.MemberRepository;
import dev.latchkey.directory.repository.Tenant;
import dev.latchkey.events.Actor;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * A fresh installation's first tenant and global admin (who is also its platform operator), created once when
 * {@code latchkey.bootstrap.admin-member-id} is configured, with the ordinary created events. Idempotent: a later
 * start finds them and changes nothing (not even a member an admin has since disabled).
 */
@ApplicationScoped
public class Bootstrap {

    private final BootstrapConfig config;
    private final Pool pool;
    private final TenantService tenants;
    private final MemberService memberService;
    private final MemberRepository members;

    Bootstrap(BootstrapConfig config, Pool pool, TenantService tenants, MemberService memberService,
              MemberRepository members) {
        this.config = config;
        this.pool = pool;
        this.tenants = tenants;
        this.memberService = memberService;
        this.members = members;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.adminMemberId().isEmpty() || config.adminMemberId().get().isBlank()) {
            return;
        }
        run().await().atMost(Duration.ofSeconds(30));
    }

    public Uni<Void> run() {
        String tenant = config.tenant();
        String memberId = config.adminMemberId().orElseThrow();
        Actor actor = Actor.system("bootstrap");
        Caller caller = new Caller(tenant, actor.type(), actor.id());
        var now = Times.now();
        return pool.withTransaction(tx -> tx.query("SELECT pg_advisory_xact_lock(hashtext('directory-bootstrap'))")
                .execute()
                .chain(() -> tenants.insert(tx, caller, new Tenant(tenant, tenant, Tenant.ACTIVE,
                        tenants.defaultOauthApplications(), now, now)))
                .chain(tenantCreated -> members.exists(tx, tenant, memberId).chain(exists -> {
                    if (exists) {
                        return Uni.createFrom().item(tenantCreated);
                    }
                    MemberDraft admin = new MemberDraft(config.adminUserName(), null, "Bootstrap admin", null, null,
                            null, Member.ROLE_GLOBAL_ADMIN, true);
                    return memberService.create(tx, tenant, actor, memberId, admin)
                            .invoke(m -> Log.infof("bootstrap: global admin %s (%s) created in tenant %s", memberId,
                                    m.userName(), tenant))
                            .replaceWith(true);
                }))
                .invoke(created -> {
                    if (!created) {
                        Log.debugf("bootstrap: tenant %s and admin %s already exist", tenant, memberId);
                    }
                })
                .replaceWithVoid());
    }
}
