package dev.latchkey.accounts.rest.model;

import java.util.Set;

/** The caller as the verifier saw it. */
public record WhoAmI(String tenant, String principalType, String principalId, String credentialKind,
                     String credentialId, String clientId, Set<String> scopes) {
}
