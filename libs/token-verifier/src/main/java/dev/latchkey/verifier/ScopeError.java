package dev.latchkey.verifier;

/**
 * Why one requested scope is not a scope. Services turn it into a 400 problem's {@code errors[]} entry
 * (field e.g. {@code scopes[2]}, message {@link #message()}).
 */
public record ScopeError(String scope, Code code, String message) {
    public enum Code {
        /** Not of the form {@code entity:operation} (or {@code admin}). */
        MALFORMED,
        /** The entity is not in the configured catalog. */
        UNKNOWN_ENTITY,
        /** The operation is not one of §4's operations (or {@code introspect} on anything but {@code token}). */
        UNKNOWN_OPERATION
    }
}
