package dev.latchkey.token.service;

import java.time.Duration;
import java.time.Instant;

/** A resolved expiration: a time, or never ({@code at == null}). */
public record Expiry(Instant at) {
    public static final Expiry NEVER = new Expiry(null);

    public boolean never() {
        return at == null;
    }

    public static Expiry in(Instant now, Duration d) {
        return new Expiry(now.plus(d));
    }
}
