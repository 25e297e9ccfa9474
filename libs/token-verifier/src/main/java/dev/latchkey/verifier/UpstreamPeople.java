package dev.latchkey.verifier;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The one mapping from a person's verified upstream token (its claims) to a Latchkey member principal: tenant from
 * the tenant claim, member by the user-name claim against the member's {@code userName} in that tenant (through a
 * {@link MemberDirectory}), active members only, and scopes bounded by the member's CURRENT Latchkey role — never by
 * anything the token says about roles. The token's signature, issuer, audience and lifetime are checked before this
 * (quarkus-oidc).
 */
public final class UpstreamPeople {
    private static final Pattern SERVICE_ID = Pattern.compile("^SP-[0-9]{1,12}-[0-9]{2}$");
    private static final Set<String> EVERYTHING = Set.of(Scopes.ADMIN);

    private final Scopes scopes;
    private final String tenantClaim;
    private final String userNameClaim;

    /**
     * @param tenantClaim   claim naming the tenant's service ID (contract default {@code latchkey_tenant})
     * @param userNameClaim claim matched against the member's {@code userName} (contract default {@code email})
     */
    public UpstreamPeople(Scopes scopes, String tenantClaim, String userNameClaim) {
        this.scopes = scopes;
        this.tenantClaim = tenantClaim;
        this.userNameClaim = userNameClaim;
    }

    /** The person these claims describe, or {@code null} when the tenant or user-name claim is missing. */
    public UpstreamPerson person(Map<String, Object> claims) {
        String tenant = text(claims.get(tenantClaim));
        String userName = text(claims.get(userNameClaim));
        if (tenant == null || userName == null) {
            return null;
        }
        return new UpstreamPerson(text(claims.get("iss")), text(claims.get("sub")), tenant, userName, claims);
    }

    /** Never completes exceptionally: a directory that cannot answer is {@link FailureReason#DIRECTORY_UNAVAILABLE}. */
    public CompletionStage<VerificationResult> principalOf(Map<String, Object> claims, MemberDirectory directory) {
        UpstreamPerson person = person(claims);
        if (person == null) {
            return CompletableFuture.completedFuture(VerificationResult.failure(FailureReason.MISSING_CLAIM));
        }
        if (!SERVICE_ID.matcher(person.tenant()).matches()) {
            return CompletableFuture.completedFuture(VerificationResult.failure(FailureReason.TENANT_UNAVAILABLE));
        }
        CompletionStage<MemberLookup> lookup;
        try {
            lookup = directory.find(person);
        } catch (RuntimeException e) {
            lookup = CompletableFuture.failedFuture(e);
        }
        return lookup.handle((found, error) -> {
            if (error != null || found == null) {
                return VerificationResult.failure(FailureReason.DIRECTORY_UNAVAILABLE);
            }
            return switch (found.outcome()) {
                case ACTIVE -> VerificationResult.success(principal(person, claims, found));
                case INACTIVE -> VerificationResult.failure(FailureReason.OWNER_DISABLED);
                case NOT_PROVISIONED -> VerificationResult.failure(FailureReason.NOT_PROVISIONED);
                case TENANT_UNAVAILABLE -> VerificationResult.failure(FailureReason.TENANT_UNAVAILABLE);
            };
        });
    }

    private LatchkeyPrincipal principal(UpstreamPerson person, Map<String, Object> claims, MemberLookup member) {
        String credentialId = firstText(claims, "jti", "sid", "sub");
        return new LatchkeyPrincipal(person.tenant(), Scopes.PRINCIPAL_MEMBER, member.memberId(),
                CredentialKind.OIDC, credentialId == null ? "upstream" : credentialId,
                firstText(claims, "azp", "client_id"),
                scopes.effective(EVERYTHING, Scopes.PRINCIPAL_MEMBER, member.role()));
    }

    private static String firstText(Map<String, Object> claims, String... names) {
        for (String n : names) {
            String v = text(claims.get(n));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(Object v) {
        if (v instanceof String s) {
            s = s.trim();
            return s.isEmpty() ? null : s;
        }
        return null;
    }
}
