package dev.bulwark.impl.chain;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Rethrowing and unwrapping without wrapping the user's exception. */
final class Throwables {

    private Throwables() {
    }

    /** Throws {@code t} as it is, checked or not; declared to return so callers can write {@code throw}. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    /** The exception a stage failed with, without the wrappers {@code CompletableFuture} adds. */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
