package dev.latchkey.oauth.service;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.model.Application;
import dev.latchkey.oauth.model.MemberView;
import dev.latchkey.oauth.repository.ApplicationRepository;
import dev.latchkey.oauth.repository.CertificateRepository;
import dev.latchkey.oauth.repository.DirectoryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The token endpoint's view of clients and members, cached so that a grant costs no database round trip.
 * A change made through this replica invalidates its entry at once; other replicas see it after
 * {@code latchkey.oauth.client-cache-ttl} (revocation events cover tokens issued meanwhile).
 */
@Singleton
public class ClientRegistry {
    /**
     * An application, the thumbprints (→ notAfter) of its active CA-issued client certificates and those of the
     * self-signed certificates it registered.
     */
    public record Client(Application application, Map<String, Instant> certificates, Map<String, Instant> selfSigned) {
        /** Whether the client must present a certificate: mutual TLS on, or a self-signed certificate registered. */
        public boolean usesCertificates() {
            return application.mtls() || !selfSigned.isEmpty();
        }
    }

    private final AsyncCache<String, Optional<Client>> clients;
    private final AsyncCache<String, Optional<MemberView>> members;
    private final ApplicationRepository applications;
    private final CertificateRepository certificates;
    private final DirectoryRepository directory;

    ClientRegistry(OAuthConfig config, ApplicationRepository applications, CertificateRepository certificates,
                   DirectoryRepository directory) {
        this.applications = applications;
        this.certificates = certificates;
        this.directory = directory;
        this.clients = Caffeine.newBuilder().expireAfterWrite(config.clientCacheTtl()).maximumSize(100_000).buildAsync();
        this.members = Caffeine.newBuilder().expireAfterWrite(config.clientCacheTtl()).maximumSize(100_000).buildAsync();
    }

    public Uni<Optional<Client>> client(String clientId) {
        return Uni.createFrom().completionStage(clients.get(clientId, (id, executor) -> applications.findByClientId(id)
                .chain(app -> app.isEmpty() ? Uni.createFrom().item(Optional.<Client>empty())
                        : certificates.activeThumbprints(app.get().id())
                        .chain(issued -> certificates.selfSignedThumbprints(app.get().id())
                                .map(selfSigned -> Optional.of(new Client(app.get(), issued, selfSigned)))))
                .subscribeAsCompletionStage()));
    }

    public Uni<Optional<MemberView>> member(String tenant, String memberId) {
        return Uni.createFrom().completionStage(members.get(tenant + "\n" + memberId,
                (k, executor) -> directory.member(tenant, memberId).subscribeAsCompletionStage()));
    }

    public void invalidateClient(String clientId) {
        clients.synchronous().invalidate(clientId);
    }

    public void invalidateMember(String tenant, String memberId) {
        members.synchronous().invalidate(tenant + "\n" + memberId);
    }

    public Set<String> cachedClientIds() {
        return clients.synchronous().asMap().keySet();
    }
}
