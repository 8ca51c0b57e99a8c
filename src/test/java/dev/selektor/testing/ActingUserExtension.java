package dev.selektor.testing;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Sets REST Assured's authentication for {@link ActingUser} before each test and resets it after. A Quarkus test may
 * run in another class loader than its extensions, each with its own REST Assured: the user is set through
 * {@link TestUsers} as loaded by every loader the test may run in.
 */
public final class ActingUserExtension implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        String user = actingUser(context)
                .orElseThrow(() -> new IllegalStateException(
                        "no @ActingUser on " + context.getRequiredTestMethod() + " nor its class"));
        call(context, "actAs", user);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        call(context, "reset", null);
    }

    private static Optional<String> actingUser(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), ActingUser.class)
                .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ActingUser.class))
                .map(ActingUser::value);
    }

    private static void call(ExtensionContext context, String method, String user) {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        loaders.add(TestUsers.class.getClassLoader());
        loaders.add(context.getRequiredTestClass().getClassLoader());
        context.getTestInstance()
                .ifPresent(instance -> loaders.add(instance.getClass().getClassLoader()));
        ClassLoader current = Thread.currentThread().getContextClassLoader();
        if (current != null) {
            loaders.add(current);
        }
        Set<Class<?>> done = new LinkedHashSet<>();
        for (ClassLoader loader : loaders) {
            Class<?> users;
            try {
                users = Class.forName(TestUsers.class.getName(), true, loader);
            } catch (ClassNotFoundException notThere) {
                continue;
            }
            if (!done.add(users)) {
                continue;
            }
            try {
                if (user == null) {
                    users.getMethod(method).invoke(null);
                } else {
                    users.getMethod(method, String.class).invoke(null, user);
                }
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
