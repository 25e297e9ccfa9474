package dev.latchkey.verifier;

/** Token-service could not be asked (down, timed out, refused our credential). Never carries the token. */
public class IntrospectionUnavailableException extends RuntimeException {
    public IntrospectionUnavailableException(String message) {
        super(message);
    }

    public IntrospectionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
