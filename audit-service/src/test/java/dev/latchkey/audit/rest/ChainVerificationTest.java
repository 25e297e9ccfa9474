package dev.latchkey.audit.rest;

import dev.latchkey.audit.support.Events;
import dev.latchkey.audit.support.TestCredentials;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.testsupport.TestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.latchkey.audit.support.AuditApi.WAIT;
import static dev.latchkey.audit.support.AuditApi.eventIds;
import static dev.latchkey.audit.support.AuditApi.verify;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "audit_db"))
class ChainVerificationTest {

    @Test
    void anUntouchedChainIsValidAndEveryRecordWasChecked() {
        String tenant = stored(6);
        JsonPath result = verify(tenant, "");
        assertThat(result.getBoolean("valid")).isTrue();
        assertThat(result.getLong("checked")).isEqualTo(6);
        assertThat(result.getLong("firstSeq")).isEqualTo(1);
        assertThat(result.getLong("lastSeq")).isEqualTo(6);
    }

    @Test
    void aRecordAlteredInTheDatabaseIsReportedAsTheFirstBrokenLink() throws Exception {
        String tenant = stored(5);
        String before = storedHash(tenant, 3);
        sql("UPDATE audit_record SET actor_id = 'someone-else' WHERE tenant = ? AND chain_seq = 3", tenant);

        JsonPath result = verify(tenant, "");
        assertThat(result.getBoolean("valid")).isFalse();
        assertThat(result.getLong("checked")).isEqualTo(2);
        assertThat(result.getLong("brokenAt.seq")).isEqualTo(3);
        assertThat(result.getString("brokenAt.problem")).isEqualTo("hash");
        assertThat(result.getString("brokenAt.found")).isEqualTo(before);
        assertThat(result.getString("brokenAt.expected")).isNotEqualTo(before).hasSize(64);
    }

    @Test
    void alteredDataWithARecomputedHashStillBreaksTheNextLink() throws Exception {
        String tenant = stored(4);
        sql("UPDATE audit_record SET data = jsonb_set(data, '{token,name}', '\"forged\"'), hash = repeat('a', 64)"
                + " WHERE tenant = ? AND chain_seq = 2", tenant);
        JsonPath result = verify(tenant, "");
        assertThat(result.getBoolean("valid")).isFalse();
        assertThat(result.getLong("brokenAt.seq")).isEqualTo(2);
    }

    @Test
    void aDeletedRecordAndADeletedNewestRecordAreBothCaught() throws Exception {
        String middle = stored(4);
        sql("DELETE FROM audit_record WHERE tenant = ? AND chain_seq = 2", middle);
        JsonPath result = verify(middle, "");
        assertThat(result.getBoolean("valid")).isFalse();
        assertThat(result.getLong("brokenAt.seq")).isEqualTo(2);
        assertThat(result.getString("brokenAt.problem")).isEqualTo("missing");

        String tail = stored(3);
        sql("DELETE FROM audit_record WHERE tenant = ? AND chain_seq = 3", tail);
        JsonPath tailResult = verify(tail, "");
        assertThat(tailResult.getBoolean("valid")).isFalse();
        assertThat(tailResult.getLong("brokenAt.seq")).isEqualTo(3);
    }

    @Test
    void aRangeEndingBeforeATamperedRecordIsValid() throws Exception {
        String tenant = stored(3);
        Instant between = Instant.now();
        List<EventEnvelope> later = List.of(Events.tokenEvent(tenant, "revoked", "tok-9", Instant.now()));
        Events.send(later);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(4));
        sql("UPDATE audit_record SET type = 'x' WHERE tenant = ? AND chain_seq = 4", tenant);

        assertThat(verify(tenant, "?to=" + between).getBoolean("valid")).isTrue();
        assertThat(verify(tenant, "?to=" + between).getLong("checked")).isEqualTo(3);
        JsonPath from = verify(tenant, "?from=" + between);
        assertThat(from.getBoolean("valid")).isFalse();
        assertThat(from.getLong("brokenAt.seq")).isEqualTo(4);
    }

    @Test
    void anEmptyChainIsValid() {
        JsonPath result = verify(Events.newTenant(), "");
        assertThat(result.getBoolean("valid")).isTrue();
        assertThat(result.getLong("checked")).isZero();
    }

    static String stored(int n) {
        String tenant = Events.newTenant();
        List<EventEnvelope> events = new ArrayList<>();
        Instant t0 = Instant.now();
        for (int i = 0; i < n; i++) {
            events.add(Events.tokenEvent(tenant, i == 0 ? "created" : "updated", "tok-1", t0.plusMillis(i)));
        }
        Events.send(events);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(n));
        return tenant;
    }


    static void sql(String statement, String tenant) throws Exception {
        try (Connection c = TestInfrastructure.postgres().connect("audit_db");
             PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, tenant);
            assertThat(ps.executeUpdate()).isPositive();
        }
    }

    static String storedHash(String tenant, long chainSeq) throws Exception {
        try (Connection c = TestInfrastructure.postgres().connect("audit_db");
             PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_record WHERE tenant = ? AND chain_seq = ?")) {
            ps.setString(1, tenant);
            ps.setLong(2, chainSeq);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
