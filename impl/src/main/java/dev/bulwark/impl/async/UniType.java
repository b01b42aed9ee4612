package dev.bulwark.impl.async;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Mutiny's {@code Uni}. An attempt subscribes to the Uni the method returned ({@link UniOutcome}: cancelling the
 * attempt's stage cancels that subscription); the caller gets a lazy Uni ({@link GuardedUni}) of which each
 * subscription is one guarded call, and whose cancellation cancels that call. A fallback may return a Uni, a
 * {@code CompletionStage} or a plain value. Loaded by name ({@link AsyncTypes}) only when Mutiny is on the class path.
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
            return ((Uni<Object>) uni).subscribe().withSubscriber(new UniOutcome());
        }
        if (returned instanceof CompletionStage<?> stage) {
            return (CompletionStage<Object>) stage;
        }
        return CompletableFuture.completedFuture(returned);
    }

    @Override
    public Uni<Object> fromStage(Supplier<CompletableFuture<Object>> call) {
        // Through Mutiny's creation hook, as Uni.createFrom() does (context propagation registers itself there).
        return Infrastructure.onUniCreation(new GuardedUni(call));
    }

    @Override
    public boolean lazy() {
        return true;
    }
}
