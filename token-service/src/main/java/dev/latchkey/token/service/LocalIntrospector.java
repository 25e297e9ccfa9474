package dev.latchkey.token.service;

import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.IntrospectionUnavailableException;
import dev.latchkey.verifier.Introspector;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletionStage;

/**
 * The verifier's introspection inside token-service: a database look-up instead of an HTTP call to itself
 * (replaces the library's default {@code HttpIntrospector} bean).
 */
@Singleton
public class LocalIntrospector implements Introspector {
    private final TokenIntrospection introspection;

    LocalIntrospector(TokenIntrospection introspection) {
        this.introspection = introspection;
    }

    @Override
    public CompletionStage<IntrospectionResult> introspect(String token) {
        return introspection.introspect(token).exceptionallyCompose(e -> java.util.concurrent.CompletableFuture
                .failedFuture(new IntrospectionUnavailableException("token database unavailable: " + e.getMessage())));
    }
}
