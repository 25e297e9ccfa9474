package dev.latchkey.console.api;

import io.quarkus.oidc.AccessTokenCredential;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.RequestScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** The Latchkey APIs as the signed-in person: {@link LatchkeyApi} with their upstream access token. */
@RequestScoped
public class PersonApi {
    private final LatchkeyApi api;
    private final AccessTokenCredential accessToken;

    public PersonApi(LatchkeyApi api, AccessTokenCredential accessToken) {
        this.api = api;
        this.accessToken = accessToken;
    }

    public ApiResponse get(Upstream upstream, String path) {
        return api.call(accessToken.getToken(), upstream, HttpMethod.GET, path, null, null);
    }

    public ApiResponse get(Upstream upstream, String path, String accept) {
        return api.call(accessToken.getToken(), upstream, HttpMethod.GET, path, null, accept);
    }

    public ApiResponse post(Upstream upstream, String path, Object body) {
        return api.call(accessToken.getToken(), upstream, HttpMethod.POST, path, body == null ? Map.of() : body, null);
    }

    public ApiResponse patch(Upstream upstream, String path, Object body) {
        return api.call(accessToken.getToken(), upstream, HttpMethod.PATCH, path, body, null);
    }

    public ApiResponse delete(Upstream upstream, String path) {
        return api.call(accessToken.getToken(), upstream, HttpMethod.DELETE, path, null, null);
    }

    /** {@code ?k=v&…} of the non-blank values, encoded; empty when none. */
    public static String query(Map<String, String> params) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                q.add(k + "=" + URLEncoder.encode(v.trim(), StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    public static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
