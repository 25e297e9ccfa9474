package dev.latchkey.local;

import dev.latchkey.testsupport.KafkaBroker;
import dev.latchkey.testsupport.PostgresServer;
import dev.latchkey.testsupport.Ports;
import dev.latchkey.verifier.OpaqueTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the whole platform on this machine (DESIGN.md §9): a real PostgreSQL and a real Kafka broker with
 * their data under one directory, every service as its own JVM, and the gateway on port 8080. Ctrl-C stops
 * everything it started; a second start finds the data where it was left.
 * <p>
 * Usage: {@code LocalPlatform [--reset] [--no-keycloak] [--data DIR] [--repo DIR]}. {@code --no-keycloak} leaves out
 * the upstream OpenID Connect provider (Keycloak, ~45 s and ~450 MB on a first start); people then cannot sign in,
 * everything else works. End-to-end tests start without it and ask for it ({@link #startKeycloak()}) when they
 * need it.
 */
public final class LocalPlatform {
    static final int GATEWAY_PORT = 8080;
    static final String TENANT = "SP-000001-01";
    static final int MTLS_PORT_OFFSET = 8443 - 8082;

    private final Path repo;
    private final Path data;
    private final boolean withKeycloak;
    private final List<Process> services = new ArrayList<>();
    /** The process of each service on its default port, by name (what {@link #stopService} stops). */
    private final Map<String, Process> byName = new HashMap<>();
    private Keycloak keycloak;
    private Map<String, String> environment;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private Gateway gateway;

    LocalPlatform(Path repo, Path data) {
        this(repo, data, true);
    }

    LocalPlatform(Path repo, Path data, boolean withKeycloak) {
        this.repo = repo;
        this.data = data;
        this.withKeycloak = withKeycloak;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Path data = null;
        boolean reset = false;
        boolean withKeycloak = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reset" -> reset = true;
                case "--no-keycloak" -> withKeycloak = false;
                case "--data" -> data = Path.of(args[++i]).toAbsolutePath();
                case "--repo" -> repo = Path.of(args[++i]).toAbsolutePath();
                default -> {
                    System.err.println("usage: LocalPlatform [--reset] [--no-keycloak] [--data DIR] [--repo DIR]");
                    System.exit(2);
                }
            }
        }
        data = data == null ? repo.resolve(".latchkey") : data;
        if (reset) {
            wipe(data);
            System.out.println("reset: removed " + data);
        }
        LocalPlatform platform = new LocalPlatform(repo, data, withKeycloak);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.stop();
            stopped.countDown();
        }, "stop-platform"));
        try {
            platform.start();
        } catch (Exception e) {
            System.err.println("latchkey: start failed: " + e.getMessage() + " (logs in " + data.resolve("logs") + ")");
            System.exit(1);
        }
        stopped.await();
    }

    /** The bootstrap admin token of this installation (generated on first start). */
    String bootstrapAdminToken() throws IOException {
        return Files.readString(data.resolve("bootstrap-admin-token")).trim();
    }

    String bootstrapAdminMemberId() throws IOException {
        return loadState().getProperty("bootstrap.admin-member-id");
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    PostgresServer postgres() {
        return postgres;
    }

    void start() throws Exception {
        Files.createDirectories(data.resolve("logs"));
        Properties state = loadState();

        System.out.println("latchkey: data in " + data);
        postgres = PostgresServer.start(data.resolve("postgres"), intState(state, "postgres.port"));
        Service.ALL.stream().filter(s -> s.database() != null).forEach(s -> postgres.createDatabase(s.database()));
        kafka = KafkaBroker.start(data.resolve("kafka"), intState(state, "kafka.port"), intState(state, "kafka.controller-port"));
        saveState(state);

        Map<String, String> env = commonEnvironment(state);
        environment = env;
        if (withKeycloak) {
            // starts while the services do; they reach it only when someone signs in
            keycloak = Keycloak.launch(repo, data, data.resolve("logs").resolve("keycloak.log"));
        }
        List<Service> present = Service.ALL.stream().filter(s -> Files.isDirectory(repo.resolve(s.module()))).toList();
        for (Service service : present) {
            Process p = launch(service, env);
            services.add(p);
            byName.put(service.name(), p);
        }
        for (Service service : present) {
            waitUntilReady(service);
        }
        gateway = new Gateway(present);
        gateway.start(GATEWAY_PORT);
        provisionPeople(state);
        if (keycloak != null) {
            keycloak.waitUntilReady();
        }
        printWelcome(state);
    }

    /** Starts Keycloak now if the platform was started without it (for end-to-end tests that sign people in). */
    synchronized void startKeycloak() throws Exception {
        if (keycloak == null) {
            keycloak = Keycloak.launch(repo, data, data.resolve("logs").resolve("keycloak.log"));
            keycloak.waitUntilReady();
        }
    }

    /** The member id of a person of the local realm (e.g. {@code alice}), provisioned on the first start. */
    String personMemberId(String username) throws IOException {
        return loadState().getProperty("people." + username + ".member-id");
    }

    /**
     * On the first start: the people of the local realm become members of their tenant through SCIM, as an identity
     * provider would provision them, so every service knows them before anyone signs in.
     */
    private void provisionPeople(Properties state) throws Exception {
        if ("true".equals(state.getProperty("people.provisioned"))) {
            return;
        }
        People people = new People(bootstrapAdminToken());
        for (People.Person person : People.ofRealm(repo)) {
            state.setProperty("people." + person.username() + ".member-id", people.provision(person));
        }
        state.setProperty("people.provisioned", "true");
        saveState(state);
    }

    private Map<String, String> commonEnvironment(Properties state) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("LATCHKEY_DB_USER", PostgresServer.USER);
        env.put("LATCHKEY_DB_PASSWORD", "");
        env.put("LATCHKEY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("LATCHKEY_BOOTSTRAP_TENANT", TENANT);
        env.put("LATCHKEY_BOOTSTRAP_ADMIN_MEMBER_ID", state.getProperty("bootstrap.admin-member-id"));
        env.put("LATCHKEY_BOOTSTRAP_ADMIN_TOKEN", secret("bootstrap-admin-token", () -> OpaqueTokens.generate(OpaqueTokens.API_TOKEN)));
        // verifiers of the other services introspect at token-service with the bootstrap credential locally
        env.put("LATCHKEY_VERIFIER_INTROSPECTION_URL", "http://127.0.0.1:8081/api/v1/tokens/introspect");
        env.put("LATCHKEY_VERIFIER_INTROSPECTION_CREDENTIAL", env.get("LATCHKEY_BOOTSTRAP_ADMIN_TOKEN"));
        env.put("LATCHKEY_INTROSPECTION_URL", env.get("LATCHKEY_VERIFIER_INTROSPECTION_URL"));
        env.put("LATCHKEY_INTROSPECTION_CREDENTIAL", env.get("LATCHKEY_BOOTSTRAP_ADMIN_TOKEN"));
        // JWT access tokens: oauth-service is the issuer; every verifier reads its JWKS
        env.put("LATCHKEY_OAUTH_ISSUER", "http://localhost:" + GATEWAY_PORT);
        env.put("LATCHKEY_OAUTH_JWKS_URL", "http://127.0.0.1:8082/oauth/jwks");
        env.put("LATCHKEY_JWKS_URL", "http://127.0.0.1:8082/oauth/jwks");
        env.put("LATCHKEY_OAUTH_SECRET_PEPPER", secret("oauth-secret-pepper", LocalPlatform::randomKey));
        env.put("LATCHKEY_OAUTH_KEY_ENCRYPTION_KEY", secret("oauth-key-encryption-key", LocalPlatform::randomKey));
        // the console's sign-in state cookie (PKCE verifier) is encrypted with this
        env.put("LATCHKEY_CONSOLE_STATE_SECRET", secret("console-state-secret", LocalPlatform::randomKey));
        env.put("LATCHKEY_OAUTH_SESSION_SECRET", secret("oauth-session-secret", LocalPlatform::randomKey));
        // the upstream OpenID Connect provider (also when started without it: services reach it lazily)
        env.put("LATCHKEY_OIDC_ISSUER", Keycloak.ISSUER);
        env.put("LATCHKEY_OAUTH_SIGNIN_CLIENT_SECRET", Keycloak.clientSecret(repo, "latchkey-oauth"));
        env.put("LATCHKEY_CONSOLE_OIDC_CLIENT_SECRET", Keycloak.clientSecret(repo, "latchkey-console"));
        return env;
    }

    /**
     * Starts one more replica of {@code service} on {@code port}, against the same database and Kafka, with extra
     * system properties (e.g. a short schedule), and waits until it is ready. Stopped with the platform.
     */
    Process startReplica(Service service, int port, List<String> systemProperties) throws Exception {
        Service replica = new Service(service.name(), port, service.database(), List.of());
        Process p = launch(replica, environment, systemProperties);
        services.add(p);
        waitUntilReady(replica);
        return p;
    }

    /**
     * Stops the service {@code name} (its default-port process): SIGKILL when {@code crash}, as a machine failure
     * would, else SIGTERM. For tests of what survives it; {@link #startService} brings it back.
     */
    void stopService(String name, boolean crash) throws InterruptedException {
        Process p = byName.remove(name);
        if (p == null) {
            return;
        }
        if (crash) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        p.waitFor(30, TimeUnit.SECONDS);
        services.remove(p);
    }

    /** Starts the service {@code name} again on its default port and waits until it is ready. */
    void startService(String name) throws Exception {
        Service service = Service.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        Process p = launch(service, environment);
        services.add(p);
        byName.put(name, p);
        waitUntilReady(service);
    }

    /** The broker itself, e.g. to stop and start it under running services. */
    KafkaBroker kafka() {
        return kafka;
    }

    private Process launch(Service service, Map<String, String> common) throws IOException {
        return launch(service, common, List.of());
    }

    private Process launch(Service service, Map<String, String> common, List<String> systemProperties) throws IOException {
        Path jar = repo.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (deploy/local/run does)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + service.port(),
                "-Dquarkus.http.host=127.0.0.1",
                // oauth-service's mutual-TLS port (8443 beside 8082; replicas beside theirs); others open no HTTPS port
                "-Dquarkus.http.ssl-port=" + (service.port() + MTLS_PORT_OFFSET)));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("logs").resolve(service.name()
                        + (service.port() == defaultPort(service) ? "" : "-" + service.port()) + ".log").toFile()));
        builder.environment().putAll(common);
        if (service.database() != null) {
            builder.environment().put("LATCHKEY_DB_URL", postgres.reactiveUrl(service.database()));
            builder.environment().put("LATCHKEY_DB_JDBC_URL", postgres.jdbcUrl(service.database()));
        }
        // services read everything else from their application.properties (prod profile)
        return builder.start();
    }

    private static int defaultPort(Service service) {
        return Service.ALL.stream().filter(s -> s.name().equals(service.name())).findFirst().map(Service::port).orElse(-1);
    }

    private void waitUntilReady(Service service) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        URI ready = URI.create("http://127.0.0.1:" + service.port() + "/q/health/ready");
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(service.name() + " not ready after 120 s, see " + data.resolve("logs").resolve(service.name() + ".log"));
    }

    private void printWelcome(Properties state) throws IOException {
        Path tokenFile = data.resolve("bootstrap-admin-token");
        boolean firstStart = !Files.exists(data.resolve("welcomed"));
        System.out.println();
        System.out.println("Latchkey is running.");
        System.out.printf("  gateway                  http://localhost:%d%n", GATEWAY_PORT);
        for (Service s : Service.ALL.stream().filter(x -> Files.isDirectory(repo.resolve(x.module()))).toList()) {
            System.out.printf("  %-24s http://localhost:%d   (via gateway: http://localhost:%d/%s/q/health/ready)%n",
                    s.name(), s.port(), GATEWAY_PORT, s.name());
        }
        System.out.printf("  %-24s https://localhost:%d   (mutual TLS: RFC 8705 token, revocation, introspection)%n",
                "oauth-service mTLS", 8082 + MTLS_PORT_OFFSET);
        System.out.printf("  postgresql               127.0.0.1:%d (user postgres, databases token_db oauth_db service_account_db audit_db)%n", postgres.port());
        System.out.printf("  kafka                    %s%n", kafka.bootstrapServers());
        System.out.printf("  tenant                   %s, bootstrap global admin member %s%n", TENANT, state.getProperty("bootstrap.admin-member-id"));
        if (keycloak != null) {
            System.out.printf("  keycloak                 http://localhost:%d (realm %s, admin console admin/admin)%n", Keycloak.PORT, Keycloak.REALM);
            System.out.println("  people                   alice/alice (global_admin), bob/bob (member): sign in at /oauth/authorize");
        } else {
            System.out.println("  keycloak                 not started (--no-keycloak): nobody can sign in");
        }
        if (firstStart) {
            System.out.println();
            System.out.println("  Bootstrap admin token (shown on this first start only; kept in " + tokenFile + "):");
            System.out.println("    " + Files.readString(tokenFile).trim());
            Files.writeString(data.resolve("welcomed"), Instant.now().toString());
        } else {
            System.out.println("  bootstrap admin token    in " + tokenFile);
        }
        System.out.println();
        System.out.println("  Try: curl -H \"Authorization: Bearer $(cat " + tokenFile + ")\" http://localhost:8080/api/v1/tokens");
        System.out.println("  Logs in " + data.resolve("logs") + ". Ctrl-C stops everything.");
    }

    void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        for (Process p : services) {
            p.destroy();
        }
        for (Process p : services) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (keycloak != null) {
            keycloak.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        System.out.println("latchkey: stopped; data kept in " + data);
    }

    private Properties loadState() throws IOException {
        Properties state = new Properties();
        Path file = data.resolve("state.properties");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            }
        }
        state.putIfAbsent("postgres.port", String.valueOf(Ports.free()));
        state.putIfAbsent("kafka.port", String.valueOf(Ports.free()));
        state.putIfAbsent("kafka.controller-port", String.valueOf(Ports.free()));
        state.putIfAbsent("bootstrap.admin-member-id", UUID.randomUUID().toString());
        return state;
    }

    private void saveState(Properties state) throws IOException {
        try (OutputStream out = Files.newOutputStream(data.resolve("state.properties"))) {
            state.store(out, "deploy/local: ports and ids kept across restarts");
        }
    }

    private static int intState(Properties state, String key) {
        return Integer.parseInt(state.getProperty(key));
    }

    /** A secret generated on first start and kept, readable by the owner only. */
    private String secret(String name, java.util.function.Supplier<String> generator) throws IOException {
        Path file = data.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, generator.get());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file).trim();
    }

    /** 256 random bits, base64: an AES-256 key or an HMAC pepper. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
