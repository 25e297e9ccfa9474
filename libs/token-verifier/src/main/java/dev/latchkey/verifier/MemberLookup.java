package dev.latchkey.verifier;

import java.util.Objects;

/**
 * What a {@link MemberDirectory} knows of a person.
 *
 * @param outcome  see {@link Outcome}
 * @param memberId the member's id (for {@link Outcome#ACTIVE} and {@link Outcome#INACTIVE})
 * @param role     the member's CURRENT Latchkey role ({@code global_admin} / {@code member}) for {@link Outcome#ACTIVE}
 */
public record MemberLookup(Outcome outcome, String memberId, String role) {

    public enum Outcome {
        /** An active member of an active tenant. */
        ACTIVE,
        /** A member who is disabled or deleted. */
        INACTIVE,
        /** No member with this userName in the tenant: the person is not provisioned (yet). */
        NOT_PROVISIONED,
        /** The tenant does not exist or is suspended. */
        TENANT_UNAVAILABLE
    }

    public MemberLookup {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.ACTIVE) {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(role, "role");
        }
    }

    public static MemberLookup active(String memberId, String role) {
        return new MemberLookup(Outcome.ACTIVE, memberId, role);
    }

    public static MemberLookup inactive(String memberId) {
        return new MemberLookup(Outcome.INACTIVE, memberId, null);
    }

    public static MemberLookup notProvisioned() {
        return new MemberLookup(Outcome.NOT_PROVISIONED, null, null);
    }

    public static MemberLookup tenantUnavailable() {
        return new MemberLookup(Outcome.TENANT_UNAVAILABLE, null, null);
    }

    /** From a member's status as the directory events carry it ({@code active}, {@code disabled}, {@code deleted}). */
    public static MemberLookup ofStatus(String memberId, String role, String status) {
        return "active".equals(status) ? active(memberId, role) : inactive(memberId);
    }
}
