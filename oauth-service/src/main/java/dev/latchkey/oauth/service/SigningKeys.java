package dev.latchkey.oauth.service;

import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.crypto.JwsSigner;
import dev.latchkey.oauth.crypto.KeyCipher;
import dev.latchkey.oauth.crypto.SignatureProviders;
import dev.latchkey.oauth.crypto.SigningAlgorithm;
import dev.latchkey.oauth.repository.SigningKeyRepository;
import dev.latchkey.oauth.repository.SigningKeyRepository.StoredKey;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JWT signing keys: {@code next} (published ahead so verifiers know it before it signs), {@code current}
 * (signs), {@code previous} (still verifies tokens it signed). Rotation runs in every replica on a schedule but
 * only the one holding a transaction-scoped advisory lock changes anything, and it re-checks the state under the
 * lock, so two replicas never rotate twice. Every replica re-reads the set periodically.
 *
 * <p>New keys are made for {@code latchkey.oauth.keys.algorithm}; each key keeps its own {@code alg}. After a change
 * of algorithm the {@code next} key of the other algorithm is retired unused (it never signed) and replaced by one
 * of the configured algorithm, which takes over at the next rotation: the current key signs on, nothing already
 * issued stops verifying, and no key signs before verifiers could have fetched it.
 */
@Singleton
public class SigningKeys {
    /** {@code Cache-Control: max-age} of the JWKS document. */
    public static final Duration JWKS_MAX_AGE = Duration.ofMinutes(5);

    /** A published key, the only algorithm it verifies and the provider context that verifies it. */
    public record VerificationKey(String alg, PublicKey key, ProviderContext providerContext) {
    }

    /**
     * What signs now (the current key's signer, its header naming the key, its algorithm and {@code typ: at+jwt}),
     * what verifies (by kid), the algorithms of the published keys (the current key's first) and the JWKS document
     * served.
     */
    public record ActiveKeys(String kid, String alg, JwsSigner signer, Map<String, VerificationKey> verificationKeys,
                             List<String> algorithms, String jwksJson) {
    }

    private final SigningKeyRepository repository;
    private final Pool pool;
    private final KeyCipher cipher;
    private final SignatureProviders providers;
    private final OAuthConfig config;
    private final Clock clock = Clock.systemUTC();
    private volatile ActiveKeys active;

    SigningKeys(SigningKeyRepository repository, Pool pool, KeyCipher cipher, SignatureProviders providers,
                OAuthConfig config) {
        this.repository = repository;
        this.pool = pool;
        this.cipher = cipher;
        this.providers = providers;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        rotateIfDue().chain(this::reload).await().indefinitely();
    }

    public ActiveKeys active() {
        ActiveKeys keys = active;
        if (keys == null) {
            throw new IllegalStateException("signing keys are not loaded yet");
        }
        return keys;
    }

    @Scheduled(every = "${latchkey.oauth.keys.reload-interval:30S}", delayed = "${latchkey.oauth.keys.reload-interval:30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return rotateIfDue().chain(this::reload)
                .onFailure().invoke(e -> Log.errorf(e, "signing key rotation/reload failed"))
                .onFailure().recoverWithNull();
    }

    /**
     * Creates the first keys, replaces a next key of another algorithm than the configured one, or rotates when the
     * current key is older than the rotation period and the next key has been published long enough.
     */
    public Uni<Void> rotateIfDue() {
        return rotate(false);
    }

    /** Rotates now (operators; tests), however long the next key has been published, unless there is none yet. */
    public Uni<Void> rotateNow() {
        return rotate(true).chain(this::reload);
    }

    private Uni<Void> rotate(boolean force) {
        SigningAlgorithm wanted = config.keys().algorithm();
        return pool.withTransaction(tx -> repository.tryLock(tx).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().voidItem();
            }
            return repository.live(tx).chain(keys -> {
                Instant now = clock.instant();
                StoredKey current = keys.stream().filter(k -> "current".equals(k.status())).findFirst().orElse(null);
                StoredKey stored = keys.stream().filter(k -> "next".equals(k.status())).findFirst().orElse(null);
                StoredKey next = stored != null && stored.alg().equals(wanted.jose()) ? stored : null;
                Uni<Void> work = Uni.createFrom().voidItem();
                if (stored != null && next == null) {
                    Log.infof("signing keys are now made for %s: the next key %s (%s) is retired unused and replaced",
                            wanted.jose(), stored.kid(), stored.alg());
                    work = repository.retire(tx, stored.kid(), now);
                }
                if (current == null) {
                    Log.infof("no signing key yet: creating the current and the next key (%s)", wanted.jose());
                    work = work.chain(() -> repository.insert(tx, generate(wanted, "current", now)));
                    return next != null ? work : work.chain(() -> repository.insert(tx, generate(wanted, "next", now)));
                }
                if (next == null) {
                    // published from this transaction on: it signs at a later rotation, never at this one
                    return work.chain(() -> repository.insert(tx, generate(wanted, "next", now)));
                }
                boolean due = !current.notBefore().plus(config.keys().rotationPeriod()).isAfter(now);
                Duration lead = config.keys().reloadInterval().plus(config.keys().nextKeyLead());
                boolean publishedLongEnough = !next.createdAt().plus(lead).isAfter(now);
                if (force || (due && publishedLongEnough)) {
                    Log.infof("rotating signing keys: %s (%s) becomes previous, %s (%s) signs", current.kid(),
                            current.alg(), next.kid(), next.alg());
                    return work.chain(() -> repository.promote(tx, now))
                            .chain(() -> repository.insert(tx, generate(wanted, "next", now)));
                }
                if (due) {
                    Log.debugf("rotation due; waiting until the next key %s has been published for %s", next.kid(), lead);
                }
                return work;
            });
        }));
    }

    public Uni<Void> reload() {
        return repository.published().invoke(keys -> active = load(keys)).replaceWithVoid();
    }

    private ActiveKeys load(List<StoredKey> keys) {
        try {
            StoredKey current = null;
            List<JsonWebKey> jwks = new ArrayList<>();
            Map<String, VerificationKey> verification = new LinkedHashMap<>();
            for (StoredKey k : keys) {
                SigningAlgorithm alg = algorithmOf(k);
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(k.publicJwk());
                jwks.add(jwk);
                verification.put(k.kid(), new VerificationKey(alg.jose(), providers.publicKey(alg, jwk.getPublicKey()),
                        providers.context(alg)));
                if ("current".equals(k.status())) {
                    current = k;
                }
            }
            if (current == null) {
                throw new IllegalStateException("no current signing key");
            }
            JwsSigner signer = providers.signer(algorithmOf(current), current.kid(), AccessTokenIssuer.TYPE,
                    cipher.decrypt(current.kid(), current.privateKeyEncrypted()));
            List<String> algorithms = new ArrayList<>(List.of(current.alg()));
            keys.stream().map(StoredKey::alg).filter(a -> !algorithms.contains(a)).distinct().forEach(algorithms::add);
            StringBuilder json = new StringBuilder("{\"keys\":[");
            for (int i = 0; i < jwks.size(); i++) {
                json.append(i == 0 ? "" : ",").append(jwks.get(i).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            }
            json.append("]}");
            return new ActiveKeys(current.kid(), current.alg(), signer, Map.copyOf(verification),
                    List.copyOf(algorithms), json.toString());
        } catch (JoseException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load signing keys", e);
        }
    }

    private static SigningAlgorithm algorithmOf(StoredKey key) {
        try {
            return SigningAlgorithm.of(key.alg());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("signing key " + key.kid() + ": " + e.getMessage());
        }
    }

    StoredKey generate(SigningAlgorithm alg, String status, Instant now) {
        try {
            KeyPair pair = alg.generate();
            String kid = UUID.randomUUID().toString();
            return new StoredKey(kid, alg.jose(), status, cipher.encrypt(kid, pair.getPrivate().getEncoded()),
                    alg.publicJwk(pair.getPublic(), kid), now, now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + alg.jose() + " key", e);
        }
    }
}
