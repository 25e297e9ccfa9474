package dev.latchkey.console.web;

import java.util.Map;

/**
 * The one-line confirmations shown after a change (a redirect carries only the code, so nothing a person typed is
 * echoed from the URL).
 */
final class Notices {
    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("updated", "Saved."),
            Map.entry("deleted", "Deleted. It stopped working at once."),
            Map.entry("revoked", "Revoked. They stopped working at once."),
            Map.entry("reassigned", "Reassigned. The value keeps working, now owned by the service account."),
            Map.entry("disabled", "Disabled. Its credentials stopped working at once."),
            Map.entry("enabled", "Enabled."),
            Map.entry("removed", "Removed."),
            Map.entry("created", "Created."));

    private Notices() {
    }

    static String text(String code) {
        return code == null ? null : TEXT.get(code);
    }
}
