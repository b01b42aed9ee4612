package dev.bulwark.impl;

import java.util.Arrays;
import java.util.List;

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

    /**
     * {@code values} as a list, failing with a message that names {@code name} when the array or an element is null
     * (where {@code List.of} would throw a bare NullPointerException).
     */
    @SafeVarargs
    public static <T> List<T> noNulls(String name, T... values) {
        notNull(values, name);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(name + " must not contain null, was "
                        + Arrays.toString(values) + " (null at index " + i + ")");
            }
        }
        return List.of(values);
    }

    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
