package dev.latchkey.console.api;

/** The Latchkey services the console calls. */
public enum Upstream {
    TOKEN, OAUTH, DIRECTORY, AUDIT;

    String baseUrl(ConsoleConfig.Api api) {
        return switch (this) {
            case TOKEN -> api.tokenService();
            case OAUTH -> api.oauthService();
            case DIRECTORY -> api.serviceAccountService();
            case AUDIT -> api.auditService();
        };
    }
}
