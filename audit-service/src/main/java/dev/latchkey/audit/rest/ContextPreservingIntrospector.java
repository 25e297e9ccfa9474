package dev.latchkey.audit.rest;

import dev.latchkey.verifier.HttpIntrospector;
import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.IntrospectionUnavailableException;
import dev.latchkey.verifier.Introspector;
import dev.latchkey.verifier.quarkus.VerifierConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * WORKAROUND, delete once libs/token-verifier resumes on the request's Vert.x context itself: its identity
 * provider continues on whatever thread completes the introspection (the JDK HttpClient's pool), where Quarkus
 * REST then fails with a NullPointerException (no Vert.x context) — every introspection cache miss was a 500.
 * This is the library's HTTP introspector, with the answer handed back on the caller's context.
 */
@Singleton
public class ContextPreservingIntrospector implements Introspector {
    private final Introspector delegate;

    public ContextPreservingIntrospector(VerifierConfig config) {
        this.delegate = config.introspection().url()
                .<Introspector>map(url -> new HttpIntrospector(url,
                        () -> config.introspection().credential().orElse(""), config.introspection().timeout()))
                .orElse(token -> CompletableFuture.failedFuture(
                        new IntrospectionUnavailableException("latchkey.verifier.introspection.url is not set")));
    }

    @Override
    public CompletionStage<IntrospectionResult> introspect(String token) {
        Context context = Vertx.currentContext();
        CompletionStage<IntrospectionResult> answer = delegate.introspect(token);
        if (context == null) {
            return answer;
        }
        CompletableFuture<IntrospectionResult> onContext = new CompletableFuture<>();
        answer.whenComplete((result, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                onContext.completeExceptionally(failure);
            } else {
                onContext.complete(result);
            }
        }));
        return onContext;
    }
}
