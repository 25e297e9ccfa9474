package dev.latchkey.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** {@code latchkey.bootstrap.*}: the first admin credential of a fresh installation. */
@ConfigMapping(prefix = "latchkey.bootstrap")
public interface BootstrapConfig {
    /** An {@code lkt_} token (environment or Kubernetes Secret); registered once as an {@code admin} token. */
    Optional<String> adminToken();

    @WithDefault("SP-000001-01")
    String tenant();

    /** The bootstrap global admin's member id (as service-account-service knows it). */
    Optional<String> adminMemberId();
}
