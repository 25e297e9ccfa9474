package dev.latchkey.events.credential;

import dev.latchkey.events.EventType;
import dev.latchkey.events.Topics;

import java.util.List;

/** Contracts shared by every credential: revocations and usage reports. */
public final class CredentialEvents {
    public static final EventType<CredentialRevoked> REVOKED = new EventType<>(
            "latchkey.credential.revocation.recorded.v1", Topics.CREDENTIAL_REVOCATIONS, CredentialRevoked.class);
    public static final EventType<CredentialUsageReported> USAGE_REPORTED = new EventType<>(
            "latchkey.credential.usage.reported.v1", Topics.CREDENTIAL_USAGE, CredentialUsageReported.class);

    public static final List<EventType<?>> ALL = List.of(REVOKED, USAGE_REPORTED);

    private CredentialEvents() {
    }
}
