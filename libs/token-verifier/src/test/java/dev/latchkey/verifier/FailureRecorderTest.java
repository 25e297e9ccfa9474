package dev.latchkey.verifier;

import dev.latchkey.events.EventJson;
import dev.latchkey.events.authentication.CredentialRefused;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Aggregation and bounds of failed-authentication reports (a unit test: no Kafka). */
class FailureRecorderTest {
    private static final CredentialOwner OWNER = new CredentialOwner("SP-1-01", "member", "m-1",
            CredentialKind.API_TOKEN, "tok-1");

    private final FailureRecorder recorder = new FailureRecorder(3, Clock.systemUTC());

    @Test
    void repeatedRefusalsOfOneCredentialFromOneAddressAreOneReport() {
        for (int i = 0; i < 50; i++) {
            recorder.record(FailureReason.EXPIRED, OWNER, OpaqueTokens.generate("lkt_"), "203.0.113.7");
        }

        List<CredentialRefused> reports = recorder.drain();

        assertThat(reports).hasSize(1);
        CredentialRefused r = reports.get(0);
        assertThat(r.count()).isEqualTo(50);
        assertThat(r.tenant()).isEqualTo("SP-1-01");
        assertThat(r.actor().type()).isEqualTo("member");
        assertThat(r.actor().id()).isEqualTo("m-1");
        assertThat(r.target().type()).isEqualTo("token");
        assertThat(r.target().id()).isEqualTo("tok-1");
        assertThat(r.reason()).isEqualTo("expired");
        assertThat(r.credentialKind()).isEqualTo("api_token");
        assertThat(r.credentialHint()).as("the id is known: no hint").isNull();
        assertThat(r.clientIp()).isEqualTo("203.0.113.7");
        assertThat(r.overflow()).isNull();
        assertThat(r.lastAt()).isAfterOrEqualTo(r.occurredAt());
        assertThat(recorder.drain()).as("counting starts again").isEmpty();
    }

    @Test
    void eachReasonAddressAndCredentialIsItsOwnReport() {
        recorder.record(FailureReason.EXPIRED, OWNER, null, "203.0.113.7");
        recorder.record(FailureReason.EXPIRED, OWNER, null, "203.0.113.8");
        recorder.record(FailureReason.WRONG_ORIGIN, OWNER, null, "203.0.113.7");

        assertThat(recorder.drain()).extracting(CredentialRefused::reason, CredentialRefused::clientIp)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("expired", "203.0.113.7"),
                        org.assertj.core.groups.Tuple.tuple("expired", "203.0.113.8"),
                        org.assertj.core.groups.Tuple.tuple("wrong_origin", "203.0.113.7"));
    }

    @Test
    void anUnknownCredentialIsAnonymousWithItsHintButNeverItsValue() {
        String madeUp = OpaqueTokens.generate("lkt_");
        recorder.record(FailureReason.INACTIVE, null, madeUp, "198.51.100.4");

        CredentialRefused r = recorder.drain().get(0);

        assertThat(r.tenant()).isNull();
        assertThat(r.actor().type()).isEqualTo("anonymous");
        assertThat(r.target().type()).isEqualTo("credential");
        assertThat(r.target().id()).isEqualTo(OpaqueTokens.hint(madeUp));
        assertThat(r.credentialHint()).isEqualTo(OpaqueTokens.hint(madeUp));
        assertThat(EventJson.write(r)).doesNotContain(madeUp).doesNotContain(madeUp.substring(4, 20));
    }

    @Test
    void differentUnknownTokensFromOneAddressShareOneReportWithoutAHint() {
        recorder.record(FailureReason.BAD_CHECKSUM, null, OpaqueTokens.generate("lkt_"), "198.51.100.4");
        recorder.record(FailureReason.BAD_CHECKSUM, null, OpaqueTokens.generate("lkt_"), "198.51.100.4");

        List<CredentialRefused> reports = recorder.drain();

        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).count()).isEqualTo(2);
        assertThat(reports.get(0).credentialHint()).isNull();
        assertThat(reports.get(0).target().id()).isEqualTo("unknown");
    }

    @Test
    void aFloodBeyondTheBoundIsCountedPerReasonOnly() {
        for (int i = 0; i < 1000; i++) {
            recorder.record(FailureReason.MALFORMED, null, "garbage-" + i, "10.0." + (i / 250) + "." + (i % 250));
        }

        List<CredentialRefused> reports = recorder.drain();

        assertThat(reports).hasSize(4);
        assertThat(reports.stream().mapToLong(CredentialRefused::count).sum()).isEqualTo(1000);
        CredentialRefused overflow = reports.stream().filter(r -> Boolean.TRUE.equals(r.overflow())).findFirst().orElseThrow();
        assertThat(overflow.count()).isEqualTo(997);
        assertThat(overflow.clientIp()).isNull();
        assertThat(overflow.reason()).isEqualTo("malformed");
    }

    @Test
    void refusalsThatAreNotTheCredentialsFaultAreNotReported() {
        for (FailureReason r : Set.of(FailureReason.MISSING, FailureReason.INTROSPECTION_UNAVAILABLE,
                FailureReason.REVOCATIONS_BEHIND)) {
            recorder.record(r, null, OpaqueTokens.generate("lkt_"), "203.0.113.7");
        }

        assertThat(recorder.drain()).isEmpty();
    }

    @Test
    void aJwtRefusalNamesItsJtiAsTarget() {
        recorder.record(FailureReason.REVOKED, new CredentialOwner("SP-1-01", "member", "m-2", CredentialKind.JWT,
                "jti-9"), "eyJhbGciOiJFUzI1NiJ9.e30.sig", "203.0.113.7");

        CredentialRefused r = recorder.drain().get(0);

        assertThat(r.target().type()).isEqualTo("access_token");
        assertThat(r.target().id()).isEqualTo("jti-9");
        assertThat(r.credentialKind()).isEqualTo("jwt");
    }
}
