package dev.latchkey.local;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The people of the local realm (alice, bob), provisioned into Latchkey the way an identity provider does it: SCIM
 * 2.0 at service-account-service (userName = email, the key a sign-in is matched by), then the role through the
 * admin API (SCIM does not carry roles, see service-account-service's README). Read from the realm file, so the
 * realm and the directory cannot disagree.
 */
final class People {
    /** A user of the realm: username, email, names, and the Latchkey tenant and role attributes. */
    record Person(String username, String email, String givenName, String familyName, String tenant, String role) {
    }

    private static final String SERVICE_ACCOUNT_SERVICE = "http://127.0.0.1:8083";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminToken;

    People(String adminToken) {
        this.adminToken = adminToken;
    }

    static List<Person> ofRealm(Path repo) throws IOException {
        JsonArray users = new JsonObject(Files.readString(Keycloak.realmFile(repo))).getJsonArray("users");
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            JsonObject u = users.getJsonObject(i);
            JsonObject attributes = u.getJsonObject("attributes");
            people.add(new Person(u.getString("username"), u.getString("email"), u.getString("firstName"),
                    u.getString("lastName"), attributes.getJsonArray("latchkey_tenant").getString(0),
                    attributes.getJsonArray("latchkey_role").getString(0)));
        }
        return people;
    }

    /** Creates the member unless SCIM knows the userName already, sets the role; answers the member id. */
    String provision(Person person) throws Exception {
        String filter = URLEncoder.encode("userName eq \"" + person.email() + "\"", StandardCharsets.UTF_8);
        JsonObject found = call("GET", "/scim/v2/Users?filter=" + filter, null, 200);
        String id;
        if (found.getInteger("totalResults", 0) > 0) {
            id = found.getJsonArray("Resources").getJsonObject(0).getString("id");
        } else {
            JsonObject user = new JsonObject()
                    .put("schemas", new JsonArray().add("urn:ietf:params:scim:schemas:core:2.0:User"))
                    .put("userName", person.email())
                    .put("externalId", person.username())
                    .put("displayName", person.givenName() + " " + person.familyName())
                    .put("name", new JsonObject().put("givenName", person.givenName()).put("familyName", person.familyName()))
                    .put("emails", new JsonArray().add(new JsonObject().put("value", person.email()).put("type", "work").put("primary", true)))
                    .put("active", true);
            id = call("POST", "/scim/v2/Users", user, 201).getString("id");
        }
        call("PUT", "/api/v1/members/" + id + "/role", new JsonObject().put("role", person.role()), 200);
        return id;
    }

    /**
     * One request with the bootstrap admin token. Right after start, token-service may not know the bootstrap admin
     * yet (it learns members from the directory events), so 401/503 are retried for a while.
     */
    private JsonObject call(String method, String path, JsonObject body, int expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVICE_ACCOUNT_SERVICE + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + adminToken)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.encode()));
            if (body != null) {
                request.header("Content-Type", path.startsWith("/scim/") ? "application/scim+json" : "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == expected) {
                return response.body().isBlank() ? new JsonObject() : new JsonObject(response.body());
            }
            if ((response.statusCode() != 401 && response.statusCode() != 503) || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(500);
        }
    }
}
