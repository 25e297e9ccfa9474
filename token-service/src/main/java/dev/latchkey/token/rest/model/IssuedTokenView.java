package dev.latchkey.token.rest.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Answer of create and regenerate: {@code token} is the secret, shown this once, plus the metadata. */
public record IssuedTokenView(String token, @JsonUnwrapped TokenView metadata) {
}
