package dev.latchkey.events.token;

/** A token's owner: {@code member} or {@code service_account}, and its id. */
public record TokenOwner(String type, String id) {
}
