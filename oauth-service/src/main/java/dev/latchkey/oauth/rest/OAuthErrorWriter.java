package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.service.OAuthError;
import dev.latchkey.oauth.service.OAuthException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one writer of RFC 6749 §5.2 error responses. */
public class OAuthErrorWriter {

    @ServerExceptionMapper
    public Response write(OAuthException e) {
        Log.debugf("oauth error %s: %s", e.error().code(), e.getMessage());
        return response(e.error(), e.getMessage(), e.basicChallenge());
    }

    public static Response response(OAuthError error, String description, boolean basicChallenge) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.code());
        if (description != null) {
            body.put("error_description", description);
        }
        Response.ResponseBuilder r = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
        if (error == OAuthError.INVALID_CLIENT && basicChallenge) {
            r.header("WWW-Authenticate", "Basic realm=\"latchkey\", charset=\"UTF-8\"");
        }
        return r.build();
    }
}
