package dev.latchkey.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP client of the console towards the Latchkey APIs. Every call carries the signed-in person's upstream
 * access token as Bearer (the services map it to a member, DESIGN.md §8), so the console never holds more
 * authority than the person. Errors come back as {@link ApiProblem}; request and response bodies are never logged
 * (they can hold a token or a client secret).
 */
@ApplicationScoped
public class LatchkeyApi {
    private final ConsoleConfig config;
    private final ObjectMapper json;
    private final WebClient client;

    public LatchkeyApi(ConsoleConfig config, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.json = json;
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setFollowRedirects(false)
                .setUserAgent("latchkey-console"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Calls {@code method path} (path with its query string, already encoded) at {@code upstream}; {@code body} is
     * sent as JSON when not null. {@code accept} null = JSON.
     */
    public ApiResponse call(String bearer, Upstream upstream, HttpMethod method, String path, Object body, String accept) {
        String url = upstream.baseUrl(config.api()) + path;
        HttpRequest<Buffer> request = client.requestAbs(method, url)
                .timeout(config.api().timeout().toMillis())
                .putHeader("Accept", accept == null ? "application/json" : accept);
        if (bearer != null) {
            request.putHeader("Authorization", "Bearer " + bearer);
        }
        HttpResponse<Buffer> response;
        try {
            response = (body == null ? request.send()
                    : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(json.writeValueAsBytes(body))))
                    .await().atMost(config.api().timeout().plusSeconds(1));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON", e);
        } catch (RuntimeException e) {
            Log.warnf("%s %s %s unreachable: %s", upstream, method, path.replaceAll("\\?.*", ""), e.toString());
            throw new ApiProblem(503, "about:blank", "Service unavailable",
                    upstream.name().toLowerCase() + " service did not answer; try again in a moment", List.of());
        }
        byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes();
        String contentType = response.getHeader("Content-Type");
        Object parsed = isJson(contentType) && bytes.length > 0 ? parse(bytes) : null;
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), parsed, response.getHeader("WWW-Authenticate"));
        }
        return new ApiResponse(response.statusCode(), contentType, bytes, parsed);
    }

    private static boolean isJson(String contentType) {
        return contentType != null && (contentType.contains("json"));
    }

    private Object parse(byte[] bytes) {
        try {
            return json.readValue(bytes, Object.class);
        } catch (IOException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static ApiProblem problem(int status, Object parsed, String challenge) {
        Map<String, Object> p = parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
        String title = text(p.get("title"));
        String detail = text(p.get("detail"));
        if (title == null && status == 401) {
            title = "Not signed in at the Latchkey API";
            detail = detail != null ? detail : "the API did not accept your sign-in"
                    + (challenge != null && challenge.contains("error=") ? " (" + challenge + ")" : "")
                    + "; sign out and in again, or ask an administrator whether your account is active";
        } else if (title == null && status == 403) {
            title = "Not allowed";
            detail = detail != null ? detail : "your role does not allow this";
        }
        List<Map<String, Object>> errors = p.get("errors") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        return new ApiProblem(status, text(p.get("type")), title == null ? "Request failed (" + status + ")" : title,
                detail, errors);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
