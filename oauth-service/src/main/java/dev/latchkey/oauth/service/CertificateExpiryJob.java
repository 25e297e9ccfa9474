package dev.latchkey.oauth.service;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import dev.latchkey.events.oauth.CertificateExpiring;
import dev.latchkey.events.oauth.OAuthEvents;
import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.repository.CertificateRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Announces client certificates that expire within the lead time ({@code certificate.expiring}), once each. The
 * claim is a conditional UPDATE … RETURNING, so with several replicas each certificate is announced by one.
 */
@ApplicationScoped
public class CertificateExpiryJob {
    private final Pool pool;
    private final CertificateRepository certificates;
    private final dev.latchkey.outbox.Outbox outbox;
    private final OAuthConfig config;

    CertificateExpiryJob(Pool pool, CertificateRepository certificates, dev.latchkey.outbox.Outbox outbox, OAuthConfig config) {
        this.pool = pool;
        this.certificates = certificates;
        this.outbox = outbox;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return announce().onFailure().invoke(e -> Log.errorf(e, "certificate expiry check failed"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Integer> announce() {
        Instant now = Instant.now();
        Duration lead = config.certificates().expiringLeadTime();
        return pool.withTransaction(tx -> certificates.claimExpiring(tx, now.plus(lead)).chain(expiring -> {
            List<EventEnvelope> events = expiring.stream().map(c -> EventEnvelope.of(Revocations.SOURCE,
                    OAuthEvents.CERTIFICATE_EXPIRING, new CertificateExpiring(c.tenant(), Actor.system("oauth-service"),
                            new Target("client_certificate", c.serialNumber()), now, c.applicationId().toString(),
                            clientId(c), c.serialNumber(), c.thumbprint(), c.notBefore(), c.notAfter(),
                            (int) Math.max(0, Duration.between(now, c.notAfter()).toDays())))).toList();
            return outbox.append(tx, events).replaceWith(expiring.size());
        }));
    }

    private static String clientId(CertificateRepository.StoredCertificate c) {
        // the certificate's subject CN is the client id
        String pem = c.certificatePem();
        try {
            var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            for (String part : cert.getSubjectX500Principal().getName().split(",")) {
                if (part.startsWith("CN=")) {
                    return part.substring(3);
                }
            }
        } catch (Exception e) {
            Log.debugf("cannot read certificate %s", c.serialNumber());
        }
        return c.applicationId().toString();
    }
}
