package dev.latchkey.verifier;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;

/** Origin comparison for public tokens: scheme, host and port, exact (no wildcards), default ports normalised. */
public final class Origins {
    private Origins() {
    }

    /** {@code scheme://host[:port]} of an origin or URL, lowercase, default port dropped; {@code null} if none. */
    public static String normalise(String originOrUrl) {
        if (originOrUrl == null || originOrUrl.isBlank() || "null".equals(originOrUrl)) {
            return null;
        }
        try {
            URI uri = URI.create(originOrUrl.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80)) {
                port = -1;
            }
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The request's origin: {@code Origin}, else the origin of {@code Referer}. */
    public static String ofRequest(String origin, String referer) {
        String o = normalise(origin);
        return o != null ? o : normalise(referer);
    }

    public static boolean allowed(String requestOrigin, Collection<String> allowedOrigins) {
        if (requestOrigin == null) {
            return false;
        }
        for (String a : allowedOrigins) {
            if (requestOrigin.equals(normalise(a))) {
                return true;
            }
        }
        return false;
    }
}
