package dev.bulwark.cdi.definition;

import jakarta.inject.Inject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * Whether a class named by an annotation member can be had as an instance: a CDI bean of it, or one made with its
 * no-argument constructor. Which of the two is known only when the container runs, so a class passes if either can
 * work: concrete, and with a no-argument or an {@code @Inject} constructor.
 */
final class Instantiable {

    private Instantiable() {
    }

    /**
     * Checks {@code type} for {@code param} of the annotation {@code p} reads: that it is a {@code required} and can
     * be instantiated. Reports a problem and answers false if not.
     */
    static boolean check(AnnotationParameters p, String param, Class<?> type, Class<?> required) {
        if (!required.isAssignableFrom(type)) {
            p.invalid(param, type.getName(), "must implement " + required.getName());
            return false;
        }
        int mod = type.getModifiers();
        if (type.isInterface() || Modifier.isAbstract(mod)) {
            p.invalid(param, type.getName(), "must be a concrete class");
            return false;
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(mod)) {
            p.invalid(param, type.getName(), "must be a top-level or static nested class (an inner class needs an"
                    + " enclosing instance)");
            return false;
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (c.getParameterCount() == 0 || c.isAnnotationPresent(Inject.class)) {
                return true;
            }
        }
        p.invalid(param, type.getName(), "must have a no-argument constructor (or be a CDI bean with an @Inject"
                + " constructor)");
        return false;
    }
}
