package dev.latchkey.token.service;

import dev.latchkey.token.repository.Token;

/** A token and its value, which exists only in this answer (create, regenerate). */
public record IssuedToken(Token token, String value) {
    @Override
    public String toString() {
        return "IssuedToken[" + token.id() + "]";
    }
}
