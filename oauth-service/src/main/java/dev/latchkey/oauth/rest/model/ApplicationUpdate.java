package dev.latchkey.oauth.rest.model;

import java.util.List;

/** Partial update (JSON merge semantics: an absent field keeps its value). */
public record ApplicationUpdate(String name, List<String> redirectUris, List<String> scopes,
                                Integer accessTokenLifetimeSeconds) {
}
