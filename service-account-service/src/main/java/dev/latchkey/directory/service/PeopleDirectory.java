package dev.latchkey.directory.service;

import dev.latchkey.directory.config.JitConfig;
import dev.latchkey.directory.repository.Member;
import dev.latchkey.directory.repository.MemberRepository;
import dev.latchkey.directory.repository.Tenant;
import dev.latchkey.directory.repository.TenantRepository;
import dev.latchkey.events.Actor;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.MemberDirectory;
import dev.latchkey.verifier.MemberLookup;
import dev.latchkey.verifier.UpstreamPerson;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.inject.Singleton;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The members people's upstream tokens map to (libs/token-verifier {@link MemberDirectory}), from this service's own
 * tables — and just-in-time provisioning: a person of an active tenant with no member yet is created on their first
 * request (role from the role claim), with the ordinary {@code member.created} event through the outbox. Concurrent
 * first requests create one member: the loser of the unique userName index reads the winner's.
 */
@Singleton
public class PeopleDirectory implements MemberDirectory {
    /** Actor of just-in-time creations: the sign-in, not an administrator. */
    static final Actor JIT = Actor.system("jit-provisioning");

    private final Pool pool;
    private final TenantRepository tenants;
    private final MemberRepository members;
    private final MemberService service;
    private final JitConfig config;

    PeopleDirectory(Pool pool, TenantRepository tenants, MemberRepository members, MemberService service,
                    JitConfig config) {
        this.pool = pool;
        this.tenants = tenants;
        this.members = members;
        this.service = service;
        this.config = config;
    }

    @Override
    public CompletionStage<MemberLookup> find(UpstreamPerson person) {
        return tenants.find(pool, person.tenant(), false).chain(tenant -> {
            if (tenant.isEmpty() || !Tenant.ACTIVE.equals(tenant.get().status())) {
                return Uni.createFrom().item(MemberLookup.tenantUnavailable());
            }
            return members.findByUserName(pool, person.tenant(), person.userName()).chain(found -> {
                if (found.isPresent()) {
                    return Uni.createFrom().item(lookup(found.get()));
                }
                return config.enabled() ? provision(person) : Uni.createFrom().item(MemberLookup.notProvisioned());
            });
        }).subscribeAsCompletionStage();
    }

    private Uni<MemberLookup> provision(UpstreamPerson person) {
        String role = config.adminValues().contains(person.claim(config.roleClaim()))
                ? Member.ROLE_GLOBAL_ADMIN : Member.ROLE_MEMBER;
        MemberDraft draft = new MemberDraft(person.userName(), person.claim("email"), person.claim("name"),
                person.claim("given_name"), person.claim("family_name"), null, role, true);
        String id = UUID.randomUUID().toString();
        return pool.withTransaction(tx -> service.create(tx, person.tenant(), JIT, id, draft))
                .invoke(m -> Log.infof("member %s of %s provisioned just in time as %s", m.id(), m.tenant(), m.role()))
                .map(PeopleDirectory::lookup)
                .onFailure(PeopleDirectory::lostTheRace)
                .recoverWithUni(() -> members.findByUserName(pool, person.tenant(), person.userName())
                        .map(again -> again.map(PeopleDirectory::lookup).orElseGet(MemberLookup::notProvisioned)));
    }

    /** Another request created the member first (our check passed, then the unique index refused the insert). */
    private static boolean lostTheRace(Throwable t) {
        return t instanceof ProblemException p && p.problem().status() == 409
                || t instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static MemberLookup lookup(Member m) {
        return MemberLookup.ofStatus(m.id(), m.role(), m.status());
    }
}
