package dev.selektor.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The user every REST Assured call of a test authenticates as (HTTP Basic, see {@link TestUsers}), set before each
 * test and taken away after it, so that no test inherits another's user. On a test class it holds for each of its
 * tests; on a test method it overrides the class's. Within a test, {@link TestUsers#actAs} and {@link TestUsers#as}
 * change the user for the calls that follow.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(ActingUserExtension.class)
public @interface ActingUser {
    /** One of the test profile's users: tester, editor, editor2, approver, lead, viewer or checkout. */
    String value();
}
