package dev.latchkey.token.rest.model;

/**
 * One finding of a secret scanner (the shape GitHub secret scanning partners receive): the string found and,
 * optionally, its type, where it was found and by whom.
 */
public record LeakedTokenReport(String token, String type, String url, String source) {
}
