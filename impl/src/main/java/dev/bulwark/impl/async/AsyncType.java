package dev.bulwark.impl.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * How the asynchronous driver follows one asynchronous type ({@code CompletionStage}, {@code Future}, Mutiny's
 * {@code Uni}, ...): how what a guarded method returned is started and watched as a stage, and how the guarded call
 * is handed back to the caller as that type. The driver sees stages only, so a new type is one class of this kind,
 * never a new driver.
 *
 * @param <A> the type a guarded method returns
 */
public interface AsyncType<A> {

    /** The type's name, as messages show it. */
    String name();

    /**
     * Starts (subscribes to) what one attempt returned and gives its outcome as a stage. Cancelling the stage's
     * {@code toCompletableFuture()} stops the attempt (cancels the subscription), where the type allows it.
     *
     * @param returned what the method (or its fallback) returned; the method's own null is refused by the caller
     */
    CompletionStage<Object> toStage(Object returned);

    /**
     * What the caller of a guarded method gets. Each start of the result runs {@code call} once: at once for an
     * eager type ({@code CompletionStage}), at each subscription for a lazy one ({@code Uni}). Cancelling the result
     * (or its subscription) cancels the future {@code call} returned.
     */
    A fromStage(Supplier<CompletableFuture<Object>> call);

    /** Whether the caller's result only starts when subscribed to (each subscription one guarded call). */
    default boolean lazy() {
        return false;
    }
}
