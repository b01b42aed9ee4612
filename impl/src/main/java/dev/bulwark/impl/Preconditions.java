package dev.bulwark.impl;

/** Argument checks for what is not a spec's setting (those go through {@link Checks}, once, in the spec). */
public final class Preconditions {

    private Preconditions() {
    }

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
