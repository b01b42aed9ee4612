package dev.bulwark.impl.chain;

import java.util.concurrent.CompletionStage;

/** What the asynchronous driver does with the stages its methods return. */
final class Futures {

    private Futures() {
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
}
