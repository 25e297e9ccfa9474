package dev.latchkey.verifier;

/**
 * Why a request was not authenticated. Goes to the log and the metrics ({@link #code()} is the
 * {@code reason} tag), never to the caller beyond the RFC 6750 error of {@link #status()}.
 */
public enum FailureReason {
    /** No credential at all: 401 with a bare {@code WWW-Authenticate: Bearer} (RFC 6750 §3.1). */
    MISSING("missing", 401),
    /** Not an {@code lkt_} token of the right shape and not a JWT. */
    MALFORMED("malformed", 401),
    /** Right shape, wrong CRC32: a typo or a made-up token; never left the process. */
    BAD_CHECKSUM("bad_checksum", 401),
    /** Token-service says inactive: unknown, expired, revoked, regenerated or owner disabled (it knows which). */
    INACTIVE("inactive", 401),
    /** A revocation event for this token arrived and token-service confirmed it inactive. */
    REVOKED("revoked", 401),
    /** As {@link #REVOKED}, the revocation reason being regeneration. */
    REGENERATED("regenerated", 401),
    /** As {@link #REVOKED}, the owner (member, service account, tenant) being disabled. */
    OWNER_DISABLED("owner_disabled", 401),
    EXPIRED("expired", 401),
    NOT_YET_VALID("not_yet_valid", 401),
    /** A public token used from an origin not in its allowed origins. */
    WRONG_ORIGIN("wrong_origin", 401),
    /** A public token used without {@code Origin} or {@code Referer}. */
    MISSING_ORIGIN("missing_origin", 401),
    /** Certificate-bound token (cnf.x5t#S256) without a client certificate. */
    CERTIFICATE_MISSING("certificate_missing", 401),
    CERTIFICATE_MISMATCH("certificate_mismatch", 401),
    WRONG_ISSUER("wrong_issuer", 401),
    WRONG_AUDIENCE("wrong_audience", 401),
    WRONG_TYPE("wrong_type", 401),
    BAD_SIGNATURE("bad_signature", 401),
    /** {@code alg: none} or any algorithm not allowed. */
    ALGORITHM_REFUSED("algorithm_refused", 401),
    /** JWT without a claim we need (sub, tenant, jti, exp, iat). */
    MISSING_CLAIM("missing_claim", 401),
    /** The revocation consumer is behind by more than the bound: fail closed. */
    REVOCATIONS_BEHIND("revocations_behind", 401),
    /** Token-service could not be asked; 503 so callers retry rather than discard a good token. */
    INTROSPECTION_UNAVAILABLE("introspection_unavailable", 503),
    /** A person's upstream token: no member with this userName in the tenant (not provisioned yet). */
    NOT_PROVISIONED("not_provisioned", 401),
    /** A person's upstream token names a tenant that does not exist, is malformed or is suspended. */
    TENANT_UNAVAILABLE("tenant_unavailable", 401),
    /** A person's upstream token could not be mapped: the service's member directory did not answer. */
    DIRECTORY_UNAVAILABLE("directory_unavailable", 503),
    /** The credential was in the URL (RFC 9700 §2.6): 400. */
    CREDENTIAL_IN_QUERY("credential_in_query", 400),
    /** Authenticated, but the effective scopes do not grant what the method needs: 403. */
    INSUFFICIENT_SCOPE("insufficient_scope", 403);

    private final String code;
    private final int status;

    FailureReason(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** From a revocation event's {@code reason}; anything unknown counts as plain revoked. */
    public static FailureReason fromRevocationReason(String reason) {
        if ("regenerated".equals(reason)) {
            return REGENERATED;
        }
        if ("owner_disabled".equals(reason) || "owner_deleted".equals(reason) || "tenant_suspended".equals(reason)
                || "member_disabled".equals(reason)) {
            return OWNER_DISABLED;
        }
        return REVOKED;
    }
}
