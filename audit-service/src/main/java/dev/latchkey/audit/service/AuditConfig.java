package dev.latchkey.audit.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code latchkey.audit.*} (README lists every key). */
@ConfigMapping(prefix = "latchkey.audit")
public interface AuditConfig {

    Retention retention();

    /** Rows per query while exporting or verifying (memory stays bounded by this, not by the range). */
    @WithDefault("1000")
    int chunkSize();

    interface Retention {
        /** For tenants that never set a period. */
        @WithDefault("365")
        int defaultDays();

        @WithDefault("1")
        int minDays();

        @WithDefault("3650")
        int maxDays();

        /** Rows deleted per transaction. */
        @WithDefault("1000")
        int batchSize();

        /** How often the job runs ({@code off} disables it on this replica). */
        @WithDefault("1h")
        String every();
    }
}
