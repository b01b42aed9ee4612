package dev.bulwark.api;

import java.util.function.Predicate;

/** {@link RetryWhen#result()}'s default: no result is retried. */
public final class NeverOnResult implements Predicate<Object> {

    @Override
    public boolean test(Object result) {
        return false;
    }
}
