package dev.latchkey.verifier;

/**
 * What the verifier knows about a refused credential's owner — any part may be {@code null}. Never the
 * credential itself.
 */
public record CredentialOwner(String tenant, String principalType, String principalId, CredentialKind kind,
                              String credentialId) {
    static final CredentialOwner UNKNOWN = new CredentialOwner(null, null, null, null, null);

    static CredentialOwner of(LatchkeyPrincipal p) {
        return new CredentialOwner(p.tenant(), p.principalType(), p.principalId(), p.credentialKind(), p.credentialId());
    }
}
