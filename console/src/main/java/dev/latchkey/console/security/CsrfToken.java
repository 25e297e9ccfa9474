package dev.latchkey.console.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * This request's CSRF token: the value of the {@code lk_csrf} cookie (HttpOnly, SameSite=Strict, path of the
 * console), made on the first page that needs one. Forms carry it in the hidden field {@code csrf}; scripts may send
 * it as the {@code X-CSRF-Token} header. {@link CsrfFilter} refuses a state-changing request where the two differ.
 */
@RequestScoped
public class CsrfToken {
    public static final String COOKIE = "lk_csrf";
    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServerRequest request;
    private String value;
    private boolean created;

    public CsrfToken(HttpServerRequest request) {
        this.request = request;
    }

    /** The token of the cookie the request came with, or null. */
    public String fromCookie() {
        Cookie c = request.getCookie(COOKIE);
        return c == null || c.getValue().isBlank() ? null : c.getValue();
    }

    /** The token to put into this page's forms (made now if the browser has none yet). */
    public String value() {
        if (value == null) {
            value = fromCookie();
            if (value == null) {
                byte[] b = new byte[32];
                RANDOM.nextBytes(b);
                value = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                created = true;
            }
        }
        return value;
    }

    /** The cookie to set on the response when this request made a new token, else null. */
    Cookie newCookie(boolean secure) {
        if (!created) {
            return null;
        }
        return Cookie.cookie(COOKIE, value).setHttpOnly(true).setSecure(secure).setPath("/console")
                .setSameSite(CookieSameSite.STRICT);
    }
}
