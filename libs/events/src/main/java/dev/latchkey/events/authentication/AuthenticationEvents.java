package dev.latchkey.events.authentication;

import dev.latchkey.events.EventType;
import dev.latchkey.events.Topics;

import java.util.List;

/**
 * Failed authentications, as the verifiers (libs/token-verifier) report them for the audit trail (DESIGN.md §6).
 * Not a bounded context of its own: the verifier runs inside every service and API backend.
 */
public final class AuthenticationEvents {
    public static final EventType<CredentialRefused> CREDENTIAL_REFUSED = new EventType<>(
            "latchkey.authentication.credential.refused.v1", Topics.AUTHENTICATION_EVENTS, CredentialRefused.class);

    public static final List<EventType<?>> ALL = List.of(CREDENTIAL_REFUSED);

    private AuthenticationEvents() {
    }
}
