package dev.latchkey.accounts.rest.model;

/** A definition of an account attribute (name and type). */
public record AttributeDefinition(String name, String type) {
}
