package dev.latchkey.token;

import com.icegreen.greenmail.util.GreenMail;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.token.notification.EmailSender;
import dev.latchkey.token.service.ExpiryNotices;
import dev.latchkey.verifier.OpaqueTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Emails to token owners, through a real SMTP server (GreenMail) in the test JVM. */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "token_db"))
@WithTestResource(GreenMailResource.class)
class EmailNotificationsTest extends TokenServiceTestBase {

    GreenMail smtp;

    @Inject
    ExpiryNotices expiryNotices;

    @Inject
    EmailSender sender;

    @Test
    void theOwnerIsToldOnceOfCreationRegenerationAndRevocationWithoutTheSecret() throws Exception {
        String member = uniqueId();
        member(TENANT, member, "member", "active");
        String own = tokenFor(TENANT, "member", member, List.of("token:create", "token:update", "token:delete",
                "account:read"), null);
        var created = as(own).body(Map.of("name", "laptop-cli", "scopes", List.of("account:read"))).post("/api/v1/tokens")
                .then().statusCode(201).extract();
        String id = created.path("id");
        String first = created.path("token");
        String second = as(own).body(Map.of()).post("/api/v1/tokens/" + id + "/regenerate").then().statusCode(200)
                .extract().path("token");
        as(own).delete("/api/v1/tokens/" + id).then().statusCode(204);

        String to = member + "@example.com";
        awaitAllSent(member);
        List<MimeMessage> mails = inbox(to);
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                "[Latchkey] A new API token was created: laptop-cli",
                "[Latchkey] API token regenerated: laptop-cli",
                "[Latchkey] API token revoked: laptop-cli");
        for (MimeMessage m : mails) {
            String body = text(m);
            assertThat(Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString)).containsExactly(to);
            assertThat(body + m.getSubject()).doesNotContain(first).doesNotContain(second)
                    .doesNotContain(OpaqueTokens.sha256(first)).doesNotContain(OpaqueTokens.sha256(second));
            String hint = m.getSubject().contains("created") ? OpaqueTokens.hint(first) : OpaqueTokens.hint(second);
            assertThat(body).contains("laptop-cli").contains(hint)
                    .contains("https://console.example.com/tokens/" + id).contains(TENANT);
        }
    }

    @Test
    void aServiceAccountsManagersAreToldAndNobodyElse() throws Exception {
        String m1 = uniqueId();
        String m2 = uniqueId();
        String outsider = uniqueId();
        member(TENANT, m1, "member", "active");
        member(TENANT, m2, "member", "active");
        member(TENANT, outsider, "member", "active");
        String sa = uniqueId();
        serviceAccount(TENANT, sa, "active", m1, m2);
        String id = asAdmin().body(Map.of("name", "ci-deploy", "scopes", List.of("account:read"),
                        "owner", Map.of("type", "service_account", "id", sa)))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("id");
        asAdmin().delete("/api/v1/tokens/" + id).then().statusCode(204);

        awaitAllSent(sa);
        for (String m : List.of(m1, m2)) {
            List<MimeMessage> mails = inbox(m + "@example.com");
            assertThat(mails).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                    "[Latchkey] A new API token was created: ci-deploy", "[Latchkey] API token revoked: ci-deploy");
            assertThat(text(mails.get(0))).contains("service account sa-" + sa.substring(0, 8));
            assertThat(Arrays.stream(mails.get(0).getRecipients(Message.RecipientType.TO)).map(Object::toString))
                    .containsExactlyInAnyOrder(m1 + "@example.com", m2 + "@example.com");
        }
        assertThat(inbox(outsider + "@example.com")).isEmpty();
    }

    @Test
    void anExpiringTokensOwnerIsToldOncePerLeadTime() throws Exception {
        String member = uniqueId();
        member(TENANT, member, "member", "active");
        String value = tokenFor(TENANT, "member", member, List.of("account:read"), Instant.now().plus(Duration.ofDays(5)));
        expiryNotices.run().await().atMost(Duration.ofSeconds(30));
        expiryNotices.run().await().atMost(Duration.ofSeconds(30));
        awaitAllSent(member);
        List<MimeMessage> mails = inbox(member + "@example.com");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).startsWith("[Latchkey] API token expires within 7 days: fixture-");
        assertThat(text(mails.get(0))).contains(OpaqueTokens.hint(value)).doesNotContain(value);
    }

    @Test
    void anEmailRefusedWhileTheSmtpServerIsDownArrivesOnceItIsBack() throws Exception {
        String member = uniqueId();
        member(TENANT, member, "member", "active");
        String own = tokenFor(TENANT, "member", member, List.of("token:create", "account:read"), null);
        smtp.stop();
        try {
            // the request does not wait for, nor fail because of, the mail server
            as(own).body(Map.of("name", "while-down", "scopes", List.of("account:read"))).post("/api/v1/tokens")
                    .then().statusCode(201);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var r = row(member);
                return r != null && r.getInteger("attempts") >= 2 && r.getString("last_error") != null
                        && r.getValue("sent_at") == null;
            });
        } finally {
            smtp.start();
        }
        awaitAllSent(member);
        assertThat(inbox(member + "@example.com")).extracting(MimeMessage::getSubject)
                .containsExactly("[Latchkey] A new API token was created: while-down");
    }

    @Test
    void replicasSendingAtOnceSendEachEmailOnce() throws Exception {
        String member = uniqueId();
        member(TENANT, member, "member", "active");
        String own = tokenFor(TENANT, "member", member, List.of("token:create", "account:read"), null);
        for (int i = 0; i < 12; i++) {
            as(own).body(Map.of("name", "many-" + i, "scopes", List.of("account:read"))).post("/api/v1/tokens")
                    .then().statusCode(201);
        }
        // three senders claim at once (as three replicas would), besides this process's scheduled one
        Uni.combine().all().unis(sender.run(), sender.run(), sender.run()).discardItems().await().atMost(Duration.ofSeconds(60));
        awaitAllSent(member);
        List<MimeMessage> mails = inbox(member + "@example.com");
        assertThat(mails).hasSize(12);
        assertThat(mails).extracting(MimeMessage::getSubject).doesNotHaveDuplicates();
    }

    // ---------------------------------------------------------------- helpers

    /** Every notification about tokens of this owner is sent (so nothing more can arrive for them). */
    private void awaitAllSent(String ownerId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var rows = pool.preparedQuery("SELECT count(*) AS n, count(sent_at) AS sent FROM notification WHERE data LIKE $1")
                    .execute(Tuple.of("%\"ownerId\":\"" + ownerId + "\"%")).await().atMost(Duration.ofSeconds(5));
            var r = rows.iterator().next();
            return r.getLong("n") > 0 && r.getLong("n").equals(r.getLong("sent"));
        });
    }

    private io.vertx.mutiny.sqlclient.Row row(String ownerId) {
        var rows = pool.preparedQuery("SELECT attempts, last_error, sent_at FROM notification WHERE data LIKE $1")
                .execute(Tuple.of("%\"ownerId\":\"" + ownerId + "\"%")).await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    private static String text(MimeMessage m) throws Exception {
        return (String) m.getContent();
    }

    private List<MimeMessage> inbox(String address) {
        return smtp.findReceivedMessages(u -> address.equals(u.getEmail()), m -> true).toList();
    }
}
