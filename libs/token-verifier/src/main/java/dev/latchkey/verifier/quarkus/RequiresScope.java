package dev.latchkey.verifier.quarkus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The effective scope a resource method (or every method of a resource class) needs, with the implication
 * rules of {@link dev.latchkey.verifier.Scopes}. Unauthenticated → 401; authenticated without it → 403
 * {@code insufficient_scope} naming the scope. A method's annotation wins over its class's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresScope {
    String value();
}
