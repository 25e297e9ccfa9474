package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.service.OAuthError;
import dev.latchkey.oauth.service.OAuthException;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one writer of RFC 6749 §5.2 error responses: for Quarkus REST resources (an exception mapper) and for the
 * Vert.x routes of {@link ClientEndpoints}.
 */
public class OAuthErrorWriter {
    private static final String BASIC_CHALLENGE = "Basic realm=\"latchkey\", charset=\"UTF-8\"";

    @ServerExceptionMapper
    public Response write(OAuthException e) {
        Log.debugf("oauth error %s: %s", e.error().code(), e.getMessage());
        return response(e.error(), e.getMessage(), e.basicChallenge());
    }

    public static Response response(OAuthError error, String description, boolean basicChallenge) {
        Response.ResponseBuilder r = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(error, description)).header("Cache-Control", "no-store").header("Pragma", "no-cache");
        if (challenges(error, basicChallenge)) {
            r.header("WWW-Authenticate", BASIC_CHALLENGE);
        }
        return r.build();
    }

    /** The same answer on a Vert.x route. */
    public static void write(HttpServerResponse response, OAuthException e) {
        Log.debugf("oauth error %s: %s", e.error().code(), e.getMessage());
        response.setStatusCode(e.error().status()).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").putHeader("Pragma", "no-cache");
        if (challenges(e.error(), e.basicChallenge())) {
            response.putHeader("WWW-Authenticate", BASIC_CHALLENGE);
        }
        response.end(Json.encode(body(e.error(), e.getMessage())));
    }

    private static Map<String, String> body(OAuthError error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.code());
        if (description != null) {
            body.put("error_description", description);
        }
        return body;
    }

    private static boolean challenges(OAuthError error, boolean basicChallenge) {
        return error == OAuthError.INVALID_CLIENT && basicChallenge;
    }
}
