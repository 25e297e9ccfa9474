package dev.latchkey.token.rest.model;

import java.util.List;

/** A page of tokens; {@code next} = the URL of the following page, {@code null} on the last. */
public record TokenList(List<TokenView> items, String next) {
}
