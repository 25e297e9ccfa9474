package dev.latchkey.oauth.service;

/**
 * An OAuth protocol error, written as RFC 6749 §5.2 JSON by {@code OAuthErrorWriter}. The description is shown to
 * the client: never a secret in it. {@code basicChallenge}: the client tried HTTP Basic, so a 401 must carry
 * {@code WWW-Authenticate: Basic}.
 */
public class OAuthException extends RuntimeException {
    private final OAuthError error;
    private final boolean basicChallenge;

    public OAuthException(OAuthError error, String description) {
        this(error, description, false);
    }

    public OAuthException(OAuthError error, String description, boolean basicChallenge) {
        super(description, null, false, false);
        this.error = error;
        this.basicChallenge = basicChallenge;
    }

    public OAuthError error() {
        return error;
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }
}
