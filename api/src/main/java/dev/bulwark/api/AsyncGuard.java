package dev.bulwark.api;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * An asynchronous guard: each attempt of the action runs on the guard's executor; retries and timeouts are
 * scheduled, never slept. A stage that completes exceptionally counts as a failure exactly as a thrown
 * exception does. Cancelling the returned stage's future ({@code toCompletableFuture().cancel(true)})
 * interrupts the running attempt and stops further retries.
 *
 * @param <T> the result type of the guarded actions
 */
public interface AsyncGuard<T> {

    CompletionStage<T> call(Supplier<? extends CompletionStage<T>> action);
}
