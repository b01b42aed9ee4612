package dev.bulwark.impl.async;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Mutiny's {@code Uni}. An attempt subscribes to the Uni the method returned (cancelling the attempt's stage cancels
 * that subscription); the caller gets a lazy Uni of which each subscription is one guarded call, and whose
 * cancellation cancels that call. A fallback may return a Uni, a {@code CompletionStage} or a plain value.
 * Loaded by name ({@link AsyncTypes}) only when Mutiny is on the class path.
 */
final class UniType implements AsyncType<Uni<Object>> {

    static final String UNI = "io.smallrye.mutiny.Uni";

    @Override
    public String name() {
        return UNI;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<Object> toStage(Object returned) {
        if (returned instanceof Uni<?> uni) {
            return ((Uni<Object>) uni).subscribeAsCompletionStage();
        }
        if (returned instanceof CompletionStage<?> stage) {
            return (CompletionStage<Object>) stage;
        }
        return CompletableFuture.completedFuture(returned);
    }

    @Override
    public Uni<Object> fromStage(Supplier<CompletableFuture<Object>> call) {
        return Uni.createFrom().emitter(emitter -> {
            CompletableFuture<Object> outcome = call.get();
            // Told on cancellation too; after an outcome, cancel does nothing.
            emitter.onTermination(() -> outcome.cancel(true));
            outcome.whenComplete((value, failure) -> {
                if (failure == null) {
                    emitter.complete(value);
                } else {
                    emitter.fail(failure);
                }
            });
        });
    }

    @Override
    public boolean lazy() {
        return true;
    }
}
