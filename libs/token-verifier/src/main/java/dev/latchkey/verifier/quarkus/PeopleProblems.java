package dev.latchkey.verifier.quarkus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.verifier.FailureReason;

/** RFC 9457 bodies for a person's upstream token that maps to no active member: what they can do about it. */
final class PeopleProblems {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String body(FailureReason reason, PeopleConfig config) {
        String detail = switch (reason) {
            case NOT_PROVISIONED -> "The person is not provisioned in this Latchkey tenant: no member's userName"
                    + " matches the token's '" + config.userNameClaim() + "' claim. Their identity provider's SCIM"
                    + " provisioning or a first sign-in at service-account-service (GET /api/v1/members/me) creates"
                    + " the member; try again once it exists.";
            case OWNER_DISABLED -> "The person's Latchkey membership is disabled or deleted.";
            case TENANT_UNAVAILABLE -> "The token's '" + config.tenantClaim() + "' claim names no active Latchkey"
                    + " tenant (unknown, malformed or suspended).";
            case MISSING_CLAIM -> "The token lacks the '" + config.tenantClaim() + "' or '" + config.userNameClaim()
                    + "' claim that maps a person to a Latchkey member.";
            case DIRECTORY_UNAVAILABLE -> "Members cannot be looked up right now; try again shortly.";
            default -> "The token does not map to a Latchkey member.";
        };
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "https://latchkey.dev/problems/" + reason.code().replace('_', '-'));
        problem.put("title", reason.status() == 503 ? "Service Unavailable" : "Unauthorized");
        problem.put("status", reason.status());
        problem.put("detail", detail);
        return problem.toString();
    }

    private PeopleProblems() {
    }
}
