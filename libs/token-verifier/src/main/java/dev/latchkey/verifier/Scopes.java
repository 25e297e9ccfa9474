package dev.latchkey.verifier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scope rules of DESIGN.md §4 and the role ceilings of §3 — the one place they live. See the module
 * README for the table. Implication ({@link #implies}) does not depend on the catalog; validation and the
 * expansion of {@code admin} in {@link #effective} do, so those are instance methods on a catalog.
 */
public final class Scopes {
    public static final String ADMIN = "admin";
    public static final String TOKEN_INTROSPECT = "token:introspect";

    public static final String READ = "read";
    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String UPSERT = "upsert";
    public static final String DELETE = "delete";
    public static final String DEFINITIONS_READ = "definitions:read";
    public static final String DEFINITIONS_UPSERT = "definitions:upsert";
    public static final String ALL = "all";
    public static final String INTROSPECT = "introspect";

    public static final List<String> OPERATIONS =
            List.of(READ, CREATE, UPDATE, UPSERT, DELETE, DEFINITIONS_READ, DEFINITIONS_UPSERT, ALL);

    /** Operations no other operation is made of; {@code upsert} and {@code all} are unions of these. */
    private static final List<String> ATOMIC_OPERATIONS =
            List.of(READ, CREATE, UPDATE, DELETE, DEFINITIONS_READ, DEFINITIONS_UPSERT);

    public static final List<String> DEFAULT_ENTITIES = List.of(
            "account", "user", "collection", "event", "system_user", "touchpoint",
            "token", "oauth_app", "service_account", "member", "audit");

    /** Principal types and roles of §3. */
    public static final String PRINCIPAL_MEMBER = "member";
    public static final String PRINCIPAL_SERVICE_ACCOUNT = "service_account";
    public static final String ROLE_GLOBAL_ADMIN = "global_admin";
    public static final String ROLE_MEMBER = "member";

    /** Entities a plain member may read but not change. */
    private static final Set<String> MEMBER_READ_ONLY_ENTITIES = Set.of("member", "service_account", "oauth_app");

    private static final Pattern ENTITY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** The default catalog (declared after {@code ENTITY}, which its constructor uses). */
    public static final Scopes DEFAULT = new Scopes(DEFAULT_ENTITIES);

    private final Set<String> entities;

    public Scopes(Collection<String> entities) {
        for (String e : entities) {
            if (!ENTITY.matcher(e).matches()) {
                throw new IllegalArgumentException("not a valid scope entity name: " + e);
            }
        }
        this.entities = Collections.unmodifiableSet(new LinkedHashSet<>(entities));
    }

    public Set<String> entities() {
        return entities;
    }

    // ---------------------------------------------------------------- parsing and validation

    /** Splits an RFC 6749 {@code scope} value (space separated) into a set, keeping order, dropping blanks. */
    public static Set<String> parseList(String spaceSeparated) {
        Set<String> out = new LinkedHashSet<>();
        if (spaceSeparated != null) {
            for (String s : spaceSeparated.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The problem with one scope string, or empty when it is a valid scope of this catalog. */
    public Optional<ScopeError> validate(String scope) {
        if (scope == null || scope.isBlank()) {
            return Optional.of(new ScopeError(scope, ScopeError.Code.MALFORMED, "a scope must not be empty"));
        }
        if (ADMIN.equals(scope)) {
            return Optional.empty();
        }
        int colon = scope.indexOf(':');
        if (colon <= 0 || colon == scope.length() - 1) {
            return Optional.of(new ScopeError(scope, ScopeError.Code.MALFORMED,
                    "a scope is 'admin' or '{entity}:{operation}', e.g. 'account:read'"));
        }
        String entity = scope.substring(0, colon);
        String operation = scope.substring(colon + 1);
        if (!ENTITY.matcher(entity).matches()) {
            return Optional.of(new ScopeError(scope, ScopeError.Code.MALFORMED,
                    "a scope's entity is lowercase letters, digits and '_', e.g. 'account:read'"));
        }
        if (!entities.contains(entity)) {
            return Optional.of(new ScopeError(scope, ScopeError.Code.UNKNOWN_ENTITY,
                    "unknown entity '" + entity + "'; known: " + String.join(", ", entities)));
        }
        if (!isOperationOf(entity, operation)) {
            return Optional.of(new ScopeError(scope, ScopeError.Code.UNKNOWN_OPERATION,
                    "unknown operation '" + operation + "'; known: " + String.join(", ", OPERATIONS)
                            + ("token".equals(entity) ? ", introspect" : "")));
        }
        return Optional.empty();
    }

    /** Every problem of a requested set, in order; empty when all are valid. */
    public List<ScopeError> validate(Collection<String> scopes) {
        List<ScopeError> errors = new ArrayList<>();
        for (String s : scopes) {
            validate(s).ifPresent(errors::add);
        }
        return errors;
    }

    public boolean isValid(String scope) {
        return validate(scope).isEmpty();
    }

    private static boolean isOperationOf(String entity, String operation) {
        return OPERATIONS.contains(operation) || ("token".equals(entity) && INTROSPECT.equals(operation));
    }

    // ---------------------------------------------------------------- implication

    /**
     * Whether holding {@code held} grants {@code required}: equal; {@code admin} grants everything;
     * {@code E:all} grants every {@code E:…} (including {@code token:introspect} for {@code token:all});
     * {@code E:upsert} grants {@code E:create} and {@code E:update}. Nothing else — in particular no operation
     * grants {@code definitions:*} except {@code all}, and nothing but {@code admin} grants {@code admin}.
     */
    public static boolean implies(String held, String required) {
        if (held == null || required == null) {
            return false;
        }
        if (held.equals(required) || ADMIN.equals(held)) {
            return true;
        }
        if (ADMIN.equals(required)) {
            return false;
        }
        int hc = held.indexOf(':');
        int rc = required.indexOf(':');
        if (hc <= 0 || rc <= 0 || hc != rc || !held.regionMatches(0, required, 0, hc)) {
            return false;
        }
        String heldOp = held.substring(hc + 1);
        String requiredOp = required.substring(rc + 1);
        return ALL.equals(heldOp)
                || (UPSERT.equals(heldOp) && (CREATE.equals(requiredOp) || UPDATE.equals(requiredOp)));
    }

    /** Whether any held scope grants {@code required}. */
    public static boolean impliesAny(Collection<String> held, String required) {
        for (String h : held) {
            if (implies(h, required)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- role ceilings

    /**
     * Whether the owner's current role allows the whole of {@code scope} (every operation it implies):
     * <ul>
     *   <li>{@code member} principal, role {@code global_admin}: everything;</li>
     *   <li>{@code member} principal, role {@code member}: everything except {@code admin},
     *       {@code token:introspect}, every {@code audit:*}, and writes on {@code member},
     *       {@code service_account}, {@code oauth_app} (their {@code read} and {@code definitions:read} are
     *       allowed);</li>
     *   <li>{@code service_account} principal (role ignored): everything except {@code admin};</li>
     *   <li>anything else (unknown type or role, disabled = no role): nothing.</li>
     * </ul>
     */
    public boolean roleAllows(String principalType, String role, String scope) {
        if (ADMIN.equals(scope)) {
            return PRINCIPAL_MEMBER.equals(principalType) && ROLE_GLOBAL_ADMIN.equals(role);
        }
        for (String atomic : atomicScopes(scope)) {
            if (!roleAllowsAtomic(principalType, role, atomic)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The scopes a credential really has now: its own scopes ∩ what the owner's role allows. A scope the role
     * allows only in part is narrowed to the parts it allows (e.g. a member's {@code member:all} becomes
     * {@code member:read member:definitions:read}; a service account's {@code admin} becomes {@code E:all}
     * for every catalog entity).
     */
    public Set<String> effective(Collection<String> tokenScopes, String principalType, String role) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : tokenScopes) {
            if (roleAllows(principalType, role, s)) {
                out.add(s);
            } else if (ADMIN.equals(s)) {
                for (String entity : entities) {
                    narrow(entity + ":" + ALL, principalType, role, out);
                }
            } else {
                narrow(s, principalType, role, out);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** The requested scopes the owner's role does not wholly allow (token-service refuses to issue those). */
    public Set<String> exceedsRole(Collection<String> tokenScopes, String principalType, String role) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : tokenScopes) {
            if (!roleAllows(principalType, role, s)) {
                out.add(s);
            }
        }
        return out;
    }

    private void narrow(String scope, String principalType, String role, Set<String> out) {
        if (roleAllows(principalType, role, scope)) {
            out.add(scope);
            return;
        }
        int colon = scope.indexOf(':');
        if (colon > 0 && ALL.equals(scope.substring(colon + 1))) {
            String upsert = scope.substring(0, colon + 1) + UPSERT;
            if (roleAllows(principalType, role, upsert)) {
                out.add(upsert);
            }
        }
        for (String atomic : atomicScopes(scope)) {
            if (roleAllowsAtomic(principalType, role, atomic) && !impliesAny(out, atomic)) {
                out.add(atomic);
            }
        }
    }

    /** The atomic scopes a scope stands for (for {@code admin}: those of every catalog entity). */
    private List<String> atomicScopes(String scope) {
        List<String> out = new ArrayList<>();
        if (ADMIN.equals(scope)) {
            for (String e : entities) {
                out.addAll(atomicScopes(e + ":" + ALL));
            }
            return out;
        }
        int colon = scope.indexOf(':');
        if (colon <= 0) {
            out.add(scope);
            return out;
        }
        String entity = scope.substring(0, colon);
        String op = scope.substring(colon + 1);
        switch (op) {
            case ALL -> {
                for (String a : ATOMIC_OPERATIONS) {
                    out.add(entity + ":" + a);
                }
                if ("token".equals(entity)) {
                    out.add(TOKEN_INTROSPECT);
                }
            }
            case UPSERT -> {
                out.add(entity + ":" + CREATE);
                out.add(entity + ":" + UPDATE);
            }
            default -> out.add(scope);
        }
        return out;
    }

    private static boolean roleAllowsAtomic(String principalType, String role, String atomic) {
        if (PRINCIPAL_SERVICE_ACCOUNT.equals(principalType)) {
            return true;
        }
        if (!PRINCIPAL_MEMBER.equals(principalType)) {
            return false;
        }
        if (ROLE_GLOBAL_ADMIN.equals(role)) {
            return true;
        }
        if (!ROLE_MEMBER.equals(role)) {
            return false;
        }
        if (TOKEN_INTROSPECT.equals(atomic)) {
            return false;
        }
        int colon = atomic.indexOf(':');
        String entity = colon > 0 ? atomic.substring(0, colon) : atomic;
        String op = colon > 0 ? atomic.substring(colon + 1) : "";
        if ("audit".equals(entity)) {
            return false;
        }
        if (MEMBER_READ_ONLY_ENTITIES.contains(entity)) {
            return READ.equals(op) || DEFINITIONS_READ.equals(op);
        }
        return true;
    }
}
