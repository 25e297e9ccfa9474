package dev.latchkey.token.service;

import dev.latchkey.token.repository.OwnerRepository;
import dev.latchkey.verifier.MemberDirectory;
import dev.latchkey.verifier.MemberLookup;
import dev.latchkey.verifier.UpstreamPerson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletionStage;

/**
 * The members people's upstream tokens map to (libs/token-verifier), from this service's projection of
 * {@code latchkey.directory.events}: a person not in it yet is "not provisioned" (service-account-service creates
 * them; the event reaches this projection a moment later).
 */
@Singleton
public class PeopleDirectory implements MemberDirectory {
    private final Pool pool;
    private final OwnerRepository owners;

    PeopleDirectory(Pool pool, OwnerRepository owners) {
        this.pool = pool;
        this.owners = owners;
    }

    @Override
    public CompletionStage<MemberLookup> find(UpstreamPerson person) {
        return owners.isTenantSuspended(pool, person.tenant()).chain(suspended -> suspended
                        ? Uni.createFrom().item(MemberLookup.tenantUnavailable())
                        : owners.findMemberByUserName(pool, person.tenant(), person.userName()).map(m -> m == null
                                ? MemberLookup.notProvisioned()
                                : MemberLookup.ofStatus(m.id(), m.role(), m.status())))
                .subscribeAsCompletionStage();
    }
}
