package dev.latchkey.token.rest.model;

/** A token owner: {@code member} or {@code service_account}, and its id. */
public record OwnerRef(String type, String id) {
}
