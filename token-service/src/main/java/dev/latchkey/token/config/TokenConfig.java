package dev.latchkey.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/** {@code latchkey.token.*}: see the module README. */
@ConfigMapping(prefix = "latchkey.token")
public interface TokenConfig {

    /** CloudEvents {@code source} of this service's events. */
    @WithDefault("/token-service")
    String eventSource();

    IntrospectionCache introspectionCache();

    LeakReports leakReports();

    ExpiryNotices expiryNotices();

    Creation creation();

    /** Platform operator tenant (a principal with {@code admin} there may introspect every tenant's tokens). */
    @WithName("platform-operator-tenant")
    @WithDefault("${latchkey.platform.operator-tenant:SP-000001-01}")
    String platformOperatorTenant();

    interface IntrospectionCache {
        /** In-process cache of token states by hash; every change made in this process drops its entry. */
        @WithDefault("true")
        boolean enabled();

        /** Bounds staleness of changes made by another replica or by the directory projection. */
        @WithDefault("2S")
        Duration ttl();

        @WithDefault("100000")
        long maxEntries();
    }

    /** Group commit of creations (TokenCreations). */
    interface Creation {
        /**
         * How many creation transactions may run at once; creations arriving meanwhile wait and share the next.
         * Below 1 no creation would ever run: start-up fails instead.
         */
        @WithDefault("4")
        @Min(1)
        int transactions();

        /** At most this many creations in one transaction (at least 1). */
        @WithDefault("32")
        @Min(1)
        int groupSize();
    }

    interface ExpiryNotices {
        /** How often the expiry-notice job looks (a duration, or {@code off}). */
        @WithDefault("15m")
        String every();
    }

    interface LeakReports {
        /** Requests per client address and minute. */
        @WithDefault("30")
        int perMinute();

        /** Token strings per request. */
        @WithDefault("100")
        int maxTokens();
    }
}
