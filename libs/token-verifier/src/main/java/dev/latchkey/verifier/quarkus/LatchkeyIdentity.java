package dev.latchkey.verifier.quarkus;

import dev.latchkey.verifier.LatchkeyPrincipal;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import java.security.Permission;
import java.util.Map;
import java.util.Set;

/**
 * The identity of a request authenticated by a Latchkey credential. Its effective scopes are exposed as roles
 * too (for {@code @RolesAllowed} users), but {@link RequiresScope} is the check that applies the implication rules.
 */
public final class LatchkeyIdentity implements SecurityIdentity {
    private final LatchkeyPrincipal principal;

    public LatchkeyIdentity(LatchkeyPrincipal principal) {
        this.principal = principal;
    }

    /** The Latchkey principal of an identity, or {@code null} when it was not authenticated by this library. */
    public static LatchkeyPrincipal principalOf(SecurityIdentity identity) {
        return identity != null && identity.getPrincipal() instanceof LatchkeyPrincipal p ? p : null;
    }

    @Override
    public LatchkeyPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public boolean isAnonymous() {
        return false;
    }

    @Override
    public Set<String> getRoles() {
        return principal.scopes();
    }

    @Override
    public boolean hasRole(String role) {
        return principal.hasScope(role);
    }

    @Override
    public Set<Permission> getPermissions() {
        return Set.of();
    }

    @Override
    public <T extends Credential> T getCredential(Class<T> type) {
        return null;
    }

    @Override
    public Set<Credential> getCredentials() {
        return Set.of();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String name) {
        return LatchkeyPrincipal.class.getName().equals(name) ? (T) principal : null;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of(LatchkeyPrincipal.class.getName(), principal);
    }

    @Override
    public Uni<Boolean> checkPermission(Permission permission) {
        return Uni.createFrom().item(false);
    }
}
