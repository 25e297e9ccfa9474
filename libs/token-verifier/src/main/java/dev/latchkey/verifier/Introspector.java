package dev.latchkey.verifier;

import java.util.concurrent.CompletionStage;

/**
 * Asks token-service what an opaque {@code lkt_} token stands for. The verifier calls it only for well-formed
 * tokens and caches the answers. The HTTP implementation is {@link HttpIntrospector}; token-service plugs in a
 * local (database) one for its own API instead of calling itself.
 *
 * <p>Completes exceptionally with {@link IntrospectionUnavailableException} when no answer could be had (the
 * verifier then answers 503 and caches nothing).
 */
@FunctionalInterface
public interface Introspector {
    CompletionStage<IntrospectionResult> introspect(String token);
}
