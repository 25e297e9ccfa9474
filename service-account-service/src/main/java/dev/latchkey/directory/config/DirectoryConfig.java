package dev.latchkey.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code latchkey.platform.*}: who the platform operator is. */
@ConfigMapping(prefix = "latchkey.platform")
public interface DirectoryConfig {
    /** Principals holding {@code admin} in this tenant are platform operators (manage every tenant). */
    @WithDefault("SP-000001-01")
    String operatorTenant();

    /**
     * How long a subject or tenant not-before on {@code latchkey.credential.revocations} must be kept: the longest
     * lifetime of a JWT access token (oauth-service), after which nothing it could match is still valid.
     */
    @WithDefault("PT24H")
    Duration revocationRetention();

    /**
     * The OAuth application limit a new tenant gets when its creator gives no {@code limits} (also the bootstrap
     * tenant's). Written into the tenant's events explicitly, so every projection sees the same number.
     */
    @WithDefault("2")
    int defaultOauthApplications();
}
