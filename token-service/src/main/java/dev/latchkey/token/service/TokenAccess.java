package dev.latchkey.token.service;

import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.repository.Owner;
import dev.latchkey.token.repository.OwnerRepository;
import dev.latchkey.token.repository.Token;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whose tokens a caller may manage through the lifecycle endpoints: its own; a service account's when the
 * caller holds {@code service_account:update} (global admins, or service accounts trusted with it) or is one of
 * that service account's managers. Everything else answers 404, like another tenant's ids.
 */
@ApplicationScoped
public class TokenAccess {
    public static final String MANAGE_SERVICE_ACCOUNTS = "service_account:update";

    private final OwnerRepository owners;

    TokenAccess(OwnerRepository owners) {
        this.owners = owners;
    }

    public Uni<Boolean> canManage(SqlClient c, Caller caller, String ownerType, String ownerId) {
        if (caller.is(ownerType, ownerId)) {
            return Uni.createFrom().item(true);
        }
        if (!Token.OWNER_SERVICE_ACCOUNT.equals(ownerType)) {
            return Uni.createFrom().item(false);
        }
        if (caller.hasScope(MANAGE_SERVICE_ACCOUNTS)) {
            return Uni.createFrom().item(true);
        }
        if (!Token.OWNER_MEMBER.equals(caller.type())) {
            return Uni.createFrom().item(false);
        }
        return owners.findServiceAccount(c, caller.tenant(), ownerId, false)
                .map(sa -> sa != null && sa.managers().contains(caller.id()));
    }

    /** The token if the caller may manage it, else 404. */
    public Uni<Token> manageable(SqlClient c, Caller caller, Token t, String id) {
        if (t == null) {
            return Uni.createFrom().failure(ProblemException.notFound("token", id));
        }
        return canManage(c, caller, t.ownerType(), t.ownerId()).map(ok -> {
            if (!ok) {
                throw ProblemException.notFound("token", id);
            }
            return t;
        });
    }

    /**
     * The owner a request names (omitted = the caller), existing in the caller's tenant (else 404) and
     * manageable by the caller (else 403: it exists in the caller's own tenant).
     */
    public Uni<Owner> resolveOwner(SqlClient c, Caller caller, String type, String id) {
        String t = type == null ? caller.type() : type;
        String i = id == null ? caller.id() : id;
        if (!Token.OWNER_MEMBER.equals(t) && !Token.OWNER_SERVICE_ACCOUNT.equals(t)) {
            return Uni.createFrom().failure(ProblemException.invalid("owner.type", "must be 'member' or 'service_account'"));
        }
        String what = Token.OWNER_MEMBER.equals(t) ? "member" : "service account";
        return owners.find(c, caller.tenant(), t, i).chain(owner -> {
            if (owner == null || "deleted".equals(owner.status())) {
                return Uni.createFrom().failure(ProblemException.notFound(what, i));
            }
            return canManage(c, caller, t, i).map(ok -> {
                if (!ok) {
                    throw ProblemException.forbidden(Token.OWNER_MEMBER.equals(t)
                            ? "a member's tokens can only be managed by that member"
                            : "managing the tokens of service account " + i + " needs '" + MANAGE_SERVICE_ACCOUNTS
                            + "' or being one of its managers");
                }
                return owner;
            });
        });
    }

    public static String roleOf(Owner owner) {
        return Token.OWNER_MEMBER.equals(owner.type()) ? owner.role() : null;
    }
}
