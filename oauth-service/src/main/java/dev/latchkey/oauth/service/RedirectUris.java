package dev.latchkey.oauth.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** RFC 9700 §2.1 / §4.1.1 callback URL rules. Matching is exact string equality (no patterns). */
public final class RedirectUris {
    private RedirectUris() {
    }

    /** Why {@code value} cannot be a callback URL, or empty when it can. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (value.contains("*")) {
            return Optional.of("must not contain wildcards: callback URLs are matched exactly");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.isOpaque()) {
            return Optional.of("must be an absolute URL with a host");
        }
        if (uri.getRawFragment() != null || value.contains("#")) {
            return Optional.of("must not contain a fragment (#)");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain user information");
        }
        String scheme = uri.getScheme().toLowerCase();
        if ("https".equals(scheme)) {
            return Optional.empty();
        }
        if ("http".equals(scheme)) {
            return isLoopback(uri.getHost()) ? Optional.empty()
                    : Optional.of("must use https (http is allowed only for loopback: localhost, 127.0.0.1, [::1])");
        }
        return Optional.of("must use https (http is allowed only for loopback)");
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(h)) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name other than localhost: no DNS look-up
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
