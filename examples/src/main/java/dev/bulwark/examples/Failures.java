package dev.bulwark.examples;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwraps the envelopes asynchronous code puts around a failure, so it can be classified by type. */
final class Failures {

    private Failures() {
    }

    static Throwable rootOf(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
