package dev.bulwark.impl.chain;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** What the asynchronous driver does with futures and stages, without a callback object where it can. */
final class Futures {

    private Futures() {
    }

    /**
     * Runs {@code step} with {@code future}'s outcome: at once, without a callback object, when it is already over (the
     * common case of a non-blocking call), else when it completes. Returns a future that completes after the step, with
     * {@code future}'s outcome (or the step's failure after a success), as {@code whenComplete} does.
     */
    static CompletableFuture<Object> then(CompletableFuture<Object> future, BiConsumer<Object, Throwable> step) {
        if (!future.isDone()) {
            return future.whenComplete(step);
        }
        Object value = null;
        Throwable failure = null;
        if (future.isCompletedExceptionally()) {
            failure = failureOf(future);
        } else {
            value = future.getNow(null);
        }
        try {
            step.accept(value, failure);
        } catch (Throwable stepFailure) {
            if (failure == null) {
                return CompletableFuture.failedFuture(stepFailure);
            }
        }
        return future;
    }

    /** The failure of a future that completed exceptionally. */
    private static Throwable failureOf(CompletableFuture<Object> failed) {
        try {
            failed.join();
            return null;
        } catch (CancellationException cancelled) {
            return cancelled;
        } catch (CompletionException wrapped) {
            return wrapped.getCause() != null ? wrapped.getCause() : wrapped;
        }
    }

    /**
     * Cancels a stage the method returned. One that cannot be cancelled (its {@code toCompletableFuture} refuses,
     * or it ignores cancel) keeps its bulkhead place until it completes: then the bulkhead does its job.
     */
    static void cancel(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().cancel(true);
        } catch (UnsupportedOperationException cannotBeCancelled) {
            // a stage of its own kind, which only its completion frees
        }
    }

    /** An attempt stopped before its body ran: the downstream never saw it, so the breaker records nothing. */
    static final class NotStarted extends CancellationException {
        private static final long serialVersionUID = 1L;

        NotStarted(String message) {
            super(message);
        }
    }
}
