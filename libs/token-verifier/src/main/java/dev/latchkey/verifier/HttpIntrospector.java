package dev.latchkey.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** RFC 7662 introspection over HTTP with the JDK client (plain Java, no framework). */
public class HttpIntrospector implements Introspector {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI endpoint;
    private final Supplier<String> credential;
    private final Duration timeout;

    /**
     * @param endpoint   e.g. {@code http://token-service:8081/api/v1/tokens/introspect}
     * @param credential a credential holding {@code token:introspect}, sent as Bearer (a supplier so it can
     *                   be rotated without a restart)
     */
    public HttpIntrospector(URI endpoint, Supplier<String> credential, Duration timeout) {
        this(HttpClient.newBuilder().connectTimeout(timeout).build(), endpoint, credential, timeout);
    }

    public HttpIntrospector(HttpClient client, URI endpoint, Supplier<String> credential, Duration timeout) {
        this.client = client;
        this.endpoint = endpoint;
        this.credential = credential;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<IntrospectionResult> introspect(String token) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + credential.get())
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(new IntrospectionUnavailableException(
                                "introspection at " + endpoint + " failed: " + rootMessage(failure), failure));
                    }
                    if (response.statusCode() != 200) {
                        throw new CompletionException(new IntrospectionUnavailableException(
                                "introspection at " + endpoint + " answered HTTP " + response.statusCode()));
                    }
                    try {
                        JsonNode body = JSON.readTree(response.body());
                        return IntrospectionResult.fromJson(body);
                    } catch (IOException e) {
                        throw new CompletionException(new IntrospectionUnavailableException(
                                "introspection at " + endpoint + " answered something that is not JSON"));
                    }
                });
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
