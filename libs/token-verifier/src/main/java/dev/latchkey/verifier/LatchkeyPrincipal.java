package dev.latchkey.verifier;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, after verification. {@link #scopes} are the EFFECTIVE scopes (the credential's scopes ∩ what
 * the owner's role allows now); {@link #hasScope} applies the implication rules of {@link Scopes}.
 *
 * @param tenant         service ID, e.g. {@code SP-234164-01}
 * @param principalType  {@code member} or {@code service_account}
 * @param principalId    the member's or service account's id
 * @param credentialKind api token or JWT
 * @param credentialId   token id (api token) or {@code jti} (JWT)
 * @param clientId       the OAuth client that obtained the JWT; {@code null} for api tokens
 * @param scopes         effective scopes
 */
public record LatchkeyPrincipal(String tenant, String principalType, String principalId,
                                CredentialKind credentialKind, String credentialId, String clientId,
                                Set<String> scopes) implements Principal {

    public LatchkeyPrincipal {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(principalType, "principalType");
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(credentialKind, "credentialKind");
        Objects.requireNonNull(credentialId, "credentialId");
        scopes = Set.copyOf(scopes);
    }

    public boolean hasScope(String required) {
        return Scopes.impliesAny(scopes, required);
    }

    /** {@link Principal#getName()}: the principal id (what Quarkus shows as the identity's name). */
    @Override
    public String getName() {
        return principalId;
    }

    public boolean isMember() {
        return Scopes.PRINCIPAL_MEMBER.equals(principalType);
    }

    public boolean isServiceAccount() {
        return Scopes.PRINCIPAL_SERVICE_ACCOUNT.equals(principalType);
    }
}
