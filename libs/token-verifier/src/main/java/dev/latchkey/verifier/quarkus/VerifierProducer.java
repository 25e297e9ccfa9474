package dev.latchkey.verifier.quarkus;

import dev.latchkey.verifier.FailureRecorder;
import dev.latchkey.verifier.HttpIntrospector;
import dev.latchkey.verifier.IntrospectionUnavailableException;
import dev.latchkey.verifier.Introspector;
import dev.latchkey.verifier.JwtVerifier;
import dev.latchkey.verifier.RevocationConsumer;
import dev.latchkey.verifier.RevocationStore;
import dev.latchkey.verifier.Scopes;
import dev.latchkey.verifier.TokenVerifier;
import dev.latchkey.verifier.ReportPublisher;
import dev.latchkey.verifier.UsageRecorder;
import dev.latchkey.verifier.VerifierSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wires the plain-Java core into CDI from {@link VerifierConfig}. Every bean here is replaceable: token-service
 * supplies its own {@link Introspector} (a database look-up) and this HTTP one steps aside ({@code @DefaultBean}).
 */
@Singleton
public class VerifierProducer {
    private final VerifierConfig config;
    private final Optional<String> kafkaBootstrap;
    private final String applicationName;
    private final ExecutorService blocking = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "latchkey-verifier-jwt");
        t.setDaemon(true);
        return t;
    });
    private RevocationConsumer revocationConsumer;
    private ReportPublisher reportPublisher;

    VerifierProducer(VerifierConfig config,
                     @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> kafkaBootstrap,
                     @ConfigProperty(name = "quarkus.application.name", defaultValue = "api") String applicationName) {
        this.config = config;
        this.kafkaBootstrap = kafkaBootstrap;
        this.applicationName = applicationName;
    }

    @Produces
    @Singleton
    Scopes scopes() {
        return new Scopes(config.scopeEntities());
    }

    @Produces
    @Singleton
    RevocationStore revocationStore() {
        return new RevocationStore(Clock.systemUTC());
    }

    @Produces
    @Singleton
    UsageRecorder usageRecorder() {
        return new UsageRecorder(Clock.systemUTC());
    }

    @Produces
    @Singleton
    FailureRecorder failureRecorder() {
        return new FailureRecorder(config.failures().maxReportsPerInterval(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    @DefaultBean
    Introspector introspector() {
        if (config.introspection().url().isEmpty()) {
            Log.warn("latchkey.verifier.introspection.url is not set: lkt_ tokens cannot be verified (503)");
            return token -> CompletableFuture.failedFuture(
                    new IntrospectionUnavailableException("latchkey.verifier.introspection.url is not set"));
        }
        String credential = config.introspection().credential().orElse("");
        if (credential.isEmpty()) {
            Log.warn("latchkey.verifier.introspection.credential is not set: introspection will be refused");
        }
        return new HttpIntrospector(config.introspection().url().get(), () -> credential,
                config.introspection().timeout());
    }

    @Produces
    @Singleton
    TokenVerifier tokenVerifier(Introspector introspector, RevocationStore revocations, UsageRecorder usage,
                                FailureRecorder failures, Instance<MeterRegistry> registry) {
        List<JwtVerifier.Issuer> issuers = new ArrayList<>();
        config.issuers().values().forEach(i -> issuers.add(JwtVerifier.Issuer.jwks(i.issuer(), i.jwksUrl())));
        JwtVerifier jwt = issuers.isEmpty() ? null
                : new JwtVerifier(issuers, config.audience(), config.clockSkew(), config.algorithms());
        VerifierSettings settings = new VerifierSettings(config.cache().positiveTtl(), config.cache().negativeTtl(),
                config.cache().maxEntries(), config.clockSkew(),
                config.revocations().enabled() ? config.revocations().lagBound() : null);
        return new TokenVerifier(settings, introspector, jwt, revocations,
                config.usage().enabled() ? usage : null, config.failures().enabled() ? failures : null, blocking,
                registry.isResolvable() ? registry.get() : null, Clock.systemUTC());
    }

    void start(@Observes StartupEvent event, RevocationStore revocations, UsageRecorder usage,
               FailureRecorder failures) {
        Optional<String> bootstrap = config.revocations().bootstrapServers().or(() -> kafkaBootstrap);
        if (config.revocations().enabled()) {
            if (bootstrap.isEmpty()) {
                Log.error("no kafka.bootstrap.servers: revocations cannot be read, every credential will be refused");
            } else {
                revocationConsumer = new RevocationConsumer(Map.of("bootstrap.servers", bootstrap.get()), revocations,
                        config.revocations().lagBound());
                revocationConsumer.start();
            }
        } else {
            Log.warn("latchkey.verifier.revocations.enabled=false: revocation events are NOT enforced here");
        }
        String source = config.usage().source().orElse("/latchkey/verifier/" + applicationName);
        if ((config.usage().enabled() || config.failures().enabled()) && bootstrap.isPresent()) {
            reportPublisher = new ReportPublisher(Map.of("bootstrap.servers", bootstrap.get()));
            if (config.usage().enabled()) {
                reportPublisher.every(config.usage().interval(), () -> usage.drainEvents(source));
            }
            if (config.failures().enabled()) {
                reportPublisher.every(config.failures().interval(), () -> failures.drainEvents(source));
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (revocationConsumer != null) {
            revocationConsumer.close();
        }
        if (reportPublisher != null) {
            reportPublisher.close();
        }
        blocking.shutdownNow();
    }
}
