package dev.latchkey.oauth.service;

import dev.latchkey.oauth.config.OAuthConfig;
import dev.latchkey.oauth.crypto.KeyCipher;
import dev.latchkey.oauth.repository.SigningKeyRepository;
import dev.latchkey.oauth.repository.SigningKeyRepository.StoredKey;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
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
 */
@Singleton
public class SigningKeys {
    /** What signs now, and the JWKS document served. */
    public record ActiveKeys(String kid, String alg, PrivateKey signingKey, Map<String, PublicKey> verificationKeys,
                             String jwksJson) {
    }

    private final SigningKeyRepository repository;
    private final Pool pool;
    private final KeyCipher cipher;
    private final OAuthConfig config;
    private final Clock clock = Clock.systemUTC();
    private volatile ActiveKeys active;

    SigningKeys(SigningKeyRepository repository, Pool pool, KeyCipher cipher, OAuthConfig config) {
        this.repository = repository;
        this.pool = pool;
        this.cipher = cipher;
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

    /** Creates the first keys, or rotates when the current key is older than the rotation period. */
    public Uni<Void> rotateIfDue() {
        return rotate(false);
    }

    /** Rotates now (operators; tests). */
    public Uni<Void> rotateNow() {
        return rotate(true).chain(this::reload);
    }

    private Uni<Void> rotate(boolean force) {
        return pool.withTransaction(tx -> repository.tryLock(tx).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().voidItem();
            }
            return repository.live(tx).chain(keys -> {
                Instant now = clock.instant();
                StoredKey current = keys.stream().filter(k -> "current".equals(k.status())).findFirst().orElse(null);
                StoredKey next = keys.stream().filter(k -> "next".equals(k.status())).findFirst().orElse(null);
                Uni<Void> work = Uni.createFrom().voidItem();
                if (current == null) {
                    Log.info("no signing key yet: creating the current and the next key");
                    work = repository.insert(tx, generate("current", now));
                    if (next == null) {
                        work = work.chain(() -> repository.insert(tx, generate("next", now)));
                    }
                    return work;
                }
                boolean due = force || !current.notBefore().plus(config.keys().rotationPeriod()).isAfter(now);
                if (due) {
                    Log.infof("rotating signing keys: %s becomes previous", current.kid());
                    Uni<Void> ensureNext = next != null ? Uni.createFrom().voidItem()
                            : repository.insert(tx, generate("next", now));
                    return ensureNext.chain(() -> repository.promote(tx, now))
                            .chain(() -> repository.insert(tx, generate("next", now)));
                }
                if (next == null) {
                    return repository.insert(tx, generate("next", now));
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
            Map<String, PublicKey> verification = new LinkedHashMap<>();
            for (StoredKey k : keys) {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(k.publicJwk());
                jwks.add(jwk);
                verification.put(k.kid(), jwk.getPublicKey());
                if ("current".equals(k.status())) {
                    current = k;
                }
            }
            if (current == null) {
                throw new IllegalStateException("no current signing key");
            }
            // a BouncyCastle key, for AccessTokenIssuer's BouncyCastle signatures: given a JDK key, BouncyCastle
            // converts it on every signature and loses its precomputed tables for the curve (2.5x slower)
            PrivateKey privateKey = KeyFactory.getInstance("EC", AccessTokenIssuer.SIGNATURE_PROVIDER)
                    .generatePrivate(new PKCS8EncodedKeySpec(cipher.decrypt(current.kid(), current.privateKeyEncrypted())));
            StringBuilder json = new StringBuilder("{\"keys\":[");
            for (int i = 0; i < jwks.size(); i++) {
                json.append(i == 0 ? "" : ",").append(jwks.get(i).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            }
            json.append("]}");
            return new ActiveKeys(current.kid(), current.alg(), privateKey, Map.copyOf(verification), json.toString());
        } catch (JoseException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load signing keys", e);
        }
    }

    private StoredKey generate(String status, Instant now) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(EllipticCurves.P256);
            KeyPair pair = g.generateKeyPair();
            String kid = UUID.randomUUID().toString();
            EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey((java.security.interfaces.ECPublicKey) pair.getPublic());
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            return new StoredKey(kid, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, status,
                    cipher.encrypt(kid, pair.getPrivate().getEncoded()), jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                    now, now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC key", e);
        }
    }
}
