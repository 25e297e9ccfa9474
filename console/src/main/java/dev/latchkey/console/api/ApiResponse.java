package dev.latchkey.console.api;

import java.util.List;
import java.util.Map;

/** A successful answer of a Latchkey API: status, content type and body (JSON already parsed, or raw). */
public record ApiResponse(int status, String contentType, byte[] body, Object json) {

    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
        return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The {@code items} of a list answer ({@code {"items":[…],"next":…}}). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
        Object items = object().get("items");
        return items instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** The {@code cursor} query parameter of the {@code next} link, or null on the last page. */
    public String nextCursor() {
        Object next = object().get("next");
        if (!(next instanceof String s)) {
            return null;
        }
        int q = s.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : s.substring(q + 1).split("&")) {
            if (pair.startsWith("cursor=")) {
                return java.net.URLDecoder.decode(pair.substring(7), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
