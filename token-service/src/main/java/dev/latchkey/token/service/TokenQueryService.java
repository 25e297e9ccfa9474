package dev.latchkey.token.service;

import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.repository.Owner;
import dev.latchkey.token.repository.OwnerRepository;
import dev.latchkey.token.repository.PageCursor;
import dev.latchkey.token.repository.Token;
import dev.latchkey.token.repository.TokenFilter;
import dev.latchkey.token.repository.TokenRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads of tokens: metadata only, and whether each owner is active now. */
@ApplicationScoped
public class TokenQueryService {
    /** A token and whether its owner is active in the projection. */
    public record TokenWithOwner(Token token, boolean ownerActive) {
    }

    public record Page(List<TokenWithOwner> items, PageCursor next) {
    }

    private final Pool pool;
    private final TokenRepository tokens;
    private final OwnerRepository owners;
    private final TokenAccess access;

    TokenQueryService(Pool pool, TokenRepository tokens, OwnerRepository owners, TokenAccess access) {
        this.pool = pool;
        this.tokens = tokens;
        this.owners = owners;
        this.access = access;
    }

    public Uni<TokenWithOwner> get(Caller caller, UUID id) {
        return tokens.findById(pool, caller.tenant(), id)
                .chain(t -> access.manageable(pool, caller, t, id.toString()))
                .chain(this::withOwner);
    }

    /** The caller's own tokens, or those of an owner it may manage (else 404). */
    public Uni<Page> list(Caller caller, TokenFilter filter, PageCursor cursor, int limit) {
        if (filter.ownerType() == null && filter.ownerId() == null) {
            return page(caller.tenant(), filter.withOwner(caller.type(), caller.id()), cursor, limit);
        }
        if (filter.ownerType() == null || filter.ownerId() == null) {
            return Uni.createFrom().failure(ProblemException.invalid("ownerType", "give ownerType and ownerId together"));
        }
        return access.canManage(pool, caller, filter.ownerType(), filter.ownerId()).chain(ok -> ok
                ? page(caller.tenant(), filter, cursor, limit)
                : Uni.createFrom().failure(ProblemException.notFound(filter.ownerType().replace('_', ' '), filter.ownerId())));
    }

    /** Every token of the tenant (admin inventory). */
    public Uni<Page> inventory(Caller caller, TokenFilter filter, PageCursor cursor, int limit) {
        return page(caller.tenant(), filter, cursor, limit);
    }

    private Uni<Page> page(String tenant, TokenFilter filter, PageCursor cursor, int limit) {
        Instant now = Instant.now();
        return tokens.list(pool, tenant, filter, cursor, limit, now).chain(p -> {
            PageCursor next = p.more() ? PageCursor.after(p.items().get(p.items().size() - 1)) : null;
            if (p.items().isEmpty()) {
                return Uni.createFrom().item(new Page(List.of(), null));
            }
            return Uni.join().all(p.items().stream().map(this::withOwner).toList()).andFailFast()
                    .map(items -> new Page(items, next));
        });
    }

    private Uni<TokenWithOwner> withOwner(Token t) {
        return owners.find(pool, t.tenant(), t.ownerType(), t.ownerId())
                .map(o -> new TokenWithOwner(t, o != null && o.isActive()));
    }

    static boolean active(Owner o) {
        return o != null && o.isActive();
    }
}
