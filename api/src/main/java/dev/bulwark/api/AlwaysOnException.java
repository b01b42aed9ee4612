package dev.bulwark.api;

import java.util.function.Predicate;

/** {@link RetryWhen#exception()}'s default: the retry's own {@code retryOn} and {@code abortOn} decide. */
public final class AlwaysOnException implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable exception) {
        return true;
    }
}
