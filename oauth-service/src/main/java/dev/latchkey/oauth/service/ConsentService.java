package dev.latchkey.oauth.service;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import dev.latchkey.events.oauth.ConsentRevoked;
import dev.latchkey.events.oauth.OAuthEvents;
import dev.latchkey.oauth.repository.GrantRepository;
import dev.latchkey.oauth.repository.GrantRepository.ConsentOfApplication;
import dev.latchkey.outbox.Outbox;
import dev.latchkey.verifier.LatchkeyPrincipal;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member's consents to OAuth applications, as they manage them (GitHub's "Authorized OAuth Apps"). Revoking one
 * ends what it allowed at once: the application's refresh tokens for the member (and the access tokens issued
 * with them, by {@code jti:} revocation), its unredeemed codes, and the consent itself; the next authorization
 * asks again.
 */
@ApplicationScoped
public class ConsentService {
    static final String REVOKED_BY_MEMBER = "revoked_by_member";

    private final GrantRepository grants;
    private final GrantService grantService;
    private final Outbox outbox;
    private final Pool pool;
    private final Clock clock = Clock.systemUTC();

    ConsentService(GrantRepository grants, GrantService grantService, Outbox outbox, Pool pool) {
        this.grants = grants;
        this.grantService = grantService;
        this.outbox = outbox;
        this.pool = pool;
    }

    public Uni<List<ConsentOfApplication>> list(LatchkeyPrincipal member) {
        return grants.consentsOf(member.tenant(), member.principalId());
    }

    /** True when there was such a consent (and it is now revoked). */
    public Uni<Boolean> revoke(LatchkeyPrincipal member, UUID applicationId) {
        String tenant = member.tenant();
        String memberId = member.principalId();
        Instant now = clock.instant();
        Actor actor = new Actor(member.principalType(), memberId);
        return pool.withTransaction(tx -> grants.deleteConsent(tx, tenant, memberId, applicationId).chain(clientId -> {
            if (clientId.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            return grants.revokeMemberApplication(tx, tenant, memberId, applicationId)
                    .chain(access -> grantService.revokeAccess(tx, access, now, REVOKED_BY_MEMBER))
                    .chain(() -> grants.deleteUnusedCodes(tx, tenant, memberId, applicationId))
                    .chain(() -> outbox.append(tx, EventEnvelope.of(Revocations.SOURCE, OAuthEvents.CONSENT_REVOKED,
                            new ConsentRevoked(tenant, actor, new Target("consent", memberId + ":" + applicationId), now,
                                    memberId, applicationId.toString(), clientId.get(), REVOKED_BY_MEMBER))))
                    .replaceWith(true);
        }));
    }
}
