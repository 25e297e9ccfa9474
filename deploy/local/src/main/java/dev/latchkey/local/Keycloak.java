package dev.latchkey.local;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The upstream OpenID Connect provider of deploy/local (BRIEF's shared contract): Keycloak's distribution from Maven
 * Central, unpacked by this module's build into {@code target/keycloak}, run in development mode on port
 * {@value #PORT} with realm {@value #REALM} imported from {@code deploy/local/keycloak/latchkey-realm.json} on its
 * first start, and its database under the platform's data directory. Local development only: plain HTTP, a
 * bootstrap admin {@code admin}/{@code admin}, passwords in the realm file.
 */
final class Keycloak {
    static final int PORT = 8180;
    static final String REALM = "latchkey";
    static final String ISSUER = "http://localhost:" + PORT + "/realms/" + REALM;

    private final Process process;
    private final Path log;

    private Keycloak(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The realm file, the single place where local client secrets live. */
    static Path realmFile(Path repo) {
        return repo.resolve("deploy/local/keycloak/latchkey-realm.json");
    }

    /** The local secret of a confidential client of the realm file. */
    static String clientSecret(Path repo, String clientId) throws IOException {
        JsonArray clients = new JsonObject(Files.readString(realmFile(repo))).getJsonArray("clients");
        for (int i = 0; i < clients.size(); i++) {
            JsonObject c = clients.getJsonObject(i);
            if (clientId.equals(c.getString("clientId"))) {
                return c.getString("secret");
            }
        }
        throw new IllegalStateException("client " + clientId + " is not in " + realmFile(repo));
    }

    /** Starts Keycloak; {@link #waitUntilReady()} waits for it (first start ~45 s: it builds and imports the realm). */
    static Keycloak launch(Path repo, Path data, Path log) throws Exception {
        Path home = distribution(repo);
        // --import-realm reads <home>/data/import; a realm that exists already is left as it is
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(realmFile(repo), imports.resolve("latchkey-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        Path db = Files.createDirectories(data.resolve("keycloak"));
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + PORT, "--http-host=127.0.0.1", "--hostname=http://localhost:" + PORT,
                "--import-realm", "--db=dev-file",
                "--db-url=jdbc:h2:file:" + db.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // applies only when the master realm is first created (ENVIRONMENT.md)
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        return new Keycloak(builder.start(), log);
    }

    private static Path distribution(Path repo) throws IOException {
        Path unpacked = repo.resolve("deploy/local/target/keycloak");
        if (Files.isDirectory(unpacked)) {
            try (Stream<Path> dirs = Files.list(unpacked)) {
                var home = dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-")
                        && Files.isExecutable(d.resolve("bin/kc.sh"))).findFirst();
                if (home.isPresent()) {
                    return home.get();
                }
            }
        }
        throw new IllegalStateException(unpacked + " has no Keycloak distribution: build deploy/local first (deploy/local/run does)");
    }

    void waitUntilReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create("http://127.0.0.1:" + PORT + "/realms/" + REALM + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(600));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready after 600 s, see " + log);
    }

    /** SIGTERM to kc.sh, which forwards it to Keycloak's JVM; both are killed if that takes too long. */
    void stop() {
        List<ProcessHandle> jvm = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                jvm.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jvm.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
