package dev.latchkey.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** {@code latchkey.bootstrap.*}: the first tenant and global admin of a fresh installation. */
@ConfigMapping(prefix = "latchkey.bootstrap")
public interface BootstrapConfig {
    @WithDefault("SP-000001-01")
    String tenant();

    /** The bootstrap global admin's member id (env {@code LATCHKEY_BOOTSTRAP_ADMIN_MEMBER_ID}); unset = no bootstrap. */
    Optional<String> adminMemberId();

    /** Ignored here (token-service registers it); declared so the shared environment variable is accepted. */
    Optional<String> adminToken();

    @WithDefault("admin")
    String adminUserName();
}
