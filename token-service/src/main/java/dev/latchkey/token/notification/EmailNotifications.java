package dev.latchkey.token.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.events.EventJson;
import dev.latchkey.events.token.TokenEvents;
import io.quarkus.mailer.Mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The emails of token events: created, regenerated, revoked, expiring. Built from the event's data (which never
 * carries a secret) plus the display hint: never the token's value. Plain text, like GitHub's token emails.
 */
public final class EmailNotifications {
    private static final Set<String> NOTIFIED = Set.of(TokenEvents.CREATED.type(), TokenEvents.REGENERATED.type(),
            TokenEvents.REVOKED.type(), TokenEvents.EXPIRING.type());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private EmailNotifications() {
    }

    /** Whether an event of this type is emailed to the token's owner. */
    public static boolean isNotified(String eventType) {
        return NOTIFIED.contains(eventType);
    }

    /** What the owner of the event's token is, read from the event data. */
    public record About(String tenant, String tokenId, String name, String ownerType, String ownerId,
                        List<String> scopes, Instant expiresAt, String actorType, String actorId, String reason,
                        Integer leadTimeDays) {

        public static About of(String data) {
            JsonNode d;
            try {
                d = EventJson.mapper().readTree(data);
            } catch (Exception e) {
                throw new IllegalArgumentException("notification data is not JSON", e);
            }
            JsonNode t = d.path("token");
            List<String> scopes = new java.util.ArrayList<>();
            t.path("scopes").forEach(s -> scopes.add(s.asText()));
            String expires = t.path("expiresAt").asText(null);
            return new About(d.path("tenant").asText(), t.path("id").asText(), t.path("name").asText(),
                    t.path("ownerType").asText(), t.path("ownerId").asText(), scopes,
                    expires == null ? null : Instant.parse(expires), d.path("actor").path("type").asText(null),
                    d.path("actor").path("id").asText(null), d.path("reason").asText(null),
                    d.has("leadTimeDays") ? d.path("leadTimeDays").asInt() : null);
        }
    }

    /** The message for {@code to} (one message to all of them: a service account's managers see each other). */
    public static Mail mail(String eventType, About a, String ownerName, String hint, List<String> to,
                            Optional<String> tokenUrl) {
        String token = "\"" + a.name() + "\"" + (hint == null ? "" : " (" + hint + ")");
        String owner = ("service_account".equals(a.ownerType()) ? "service account " : "") + ownerName;
        String subject;
        StringBuilder body = new StringBuilder();
        if (eventType.equals(TokenEvents.CREATED.type())) {
            subject = "A new API token was created: " + a.name();
            body.append("A new API token ").append(token).append(" was created for ").append(owner).append(".\n");
        } else if (eventType.equals(TokenEvents.REGENERATED.type())) {
            subject = "API token regenerated: " + a.name();
            body.append("The API token ").append(token).append(" of ").append(owner)
                    .append(" was regenerated. Its previous value stopped working at once.\n");
        } else if (eventType.equals(TokenEvents.REVOKED.type())) {
            subject = "API token revoked: " + a.name();
            body.append("The API token ").append(token).append(" of ").append(owner)
                    .append(" was revoked and no longer works").append(reason(a.reason())).append(".\n");
        } else if (eventType.equals(TokenEvents.EXPIRING.type())) {
            int days = a.leadTimeDays() == null ? 0 : a.leadTimeDays();
            subject = "API token expires within " + days + (days == 1 ? " day: " : " days: ") + a.name();
            body.append("The API token ").append(token).append(" of ").append(owner).append(" expires on ")
                    .append(a.expiresAt() == null ? "(never)" : WHEN.format(a.expiresAt()))
                    .append(". Regenerate it before then to keep your integrations working.\n");
        } else {
            throw new IllegalArgumentException("no email for " + eventType);
        }
        body.append('\n')
                .append("Tenant:  ").append(a.tenant()).append('\n')
                .append("Scopes:  ").append(String.join(" ", a.scopes())).append('\n')
                .append("Expires: ").append(a.expiresAt() == null ? "never" : WHEN.format(a.expiresAt())).append('\n');
        if (a.actorType() != null && !"system".equals(a.actorType())) {
            body.append("By:      ").append(a.actorType().replace('_', ' ')).append(' ').append(a.actorId()).append('\n');
        }
        tokenUrl.ifPresent(u -> body.append("Token:   ").append(u.replace("{id}", a.tokenId())).append('\n'));
        body.append('\n').append("If you did not expect this, revoke the token and tell your administrator.\n");
        return Mail.withText(to.get(0), "[Latchkey] " + subject, body.toString()).setTo(List.copyOf(to));
    }

    private static String reason(String reason) {
        if (reason == null) {
            return "";
        }
        return switch (reason) {
            case "leaked" -> " because it was reported as published in public (e.g. by a secret scanner)";
            case "owner_deleted" -> " because its owner was deleted";
            case "bulk_revoked" -> " by an administrator";
            default -> "";
        };
    }
}
