package dev.latchkey.accounts.support;

import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Target;
import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.events.credential.CredentialRevoked;
import dev.latchkey.events.credential.RevocationScope;
import dev.latchkey.testsupport.TestInfrastructure;
import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.OpaqueTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import java.security.Key;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** Test credentials: opaque tokens registered at the stub, signed JWTs, and revocation events on Kafka. */
public final class Tokens {
    public static final String TENANT = "SP-234164-01";

    private Tokens() {
    }

    /** A new lkt_ token the stub answers as active for a service account with these effective scopes. */
    public static String opaque(String... scopes) {
        return opaque(r -> r, scopes);
    }

    public static String opaque(java.util.function.UnaryOperator<IntrospectionResult> tweak, String... scopes) {
        String token = OpaqueTokens.generate("lkt_");
        StubTokenService.get().put(token, tweak.apply(IntrospectionResult.active(UUID.randomUUID().toString(),
                "sa-" + UUID.randomUUID(), "service_account", TENANT, Set.of(scopes), Instant.now().plusSeconds(3600),
                Instant.now(), "private", List.of())));
        return token;
    }

    public static IntrospectionResult publicToken(IntrospectionResult r, String... origins) {
        return IntrospectionResult.active(r.tokenId(), r.sub(), r.ownerType(), r.tenant(), r.scope(), r.exp(), r.iat(),
                "public", List.of(origins));
    }

    public static String jwt(Consumer<JwtClaims> tweak) {
        return jwt(tweak, StubTokenService.get().signingKey().getPrivateKey(), "k1", "ES256", "at+jwt");
    }

    public static JwtClaims claims() {
        JwtClaims c = new JwtClaims();
        c.setIssuer("https://issuer.test");
        c.setAudience("latchkey");
        c.setSubject("m-" + UUID.randomUUID());
        c.setJwtId(UUID.randomUUID().toString());
        c.setIssuedAtToNow();
        c.setNotBeforeMinutesInThePast(1);
        c.setExpirationTimeMinutesInTheFuture(5);
        c.setClaim("tenant", TENANT);
        c.setClaim("client_id", "client-1");
        c.setClaim("scope", "account:read system_user:read");
        return c;
    }

    public static String jwt(Consumer<JwtClaims> tweak, Key key, String kid, String alg, String typ) {
        JwtClaims c = claims();
        tweak.accept(c);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(alg);
        if (typ != null) {
            jws.setHeader("typ", typ);
        }
        if ("none".equals(alg)) {
            jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        }
        try {
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static NumericDate secondsFromNow(long s) {
        return NumericDate.fromSeconds(Instant.now().getEpochSecond() + s);
    }

    public static void revoke(RevocationScope scope, String value, Instant notBefore, String reason) {
        CredentialRevoked data = new CredentialRevoked(TENANT, Actor.system("test"), new Target("token", value),
                Instant.now(), scope, value, notBefore, Instant.now().plusSeconds(3600), reason);
        EventEnvelope e = EventEnvelope.of("/test", CredentialEvents.REVOKED, data).withKey(data.key());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(e.topic(), null, e.key(), e.data(), e.headers())).get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
