package dev.bulwark.api;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * A guard for Mutiny's {@code Uni} (needs {@code io.smallrye.reactive:mutiny} on the class path). The Uni returned
 * is lazy: each subscription is one guarded call, and each attempt (the first and every retry) subscribes to a new
 * Uni from {@code action}. Attempts start on the subscribing thread, never blocking it: retry delays and timeouts
 * are scheduled; after a wait the call goes on in the subscriber's Vert.x context when it has one. Cancelling the
 * subscription cancels the attempt's subscription and stops retrying.
 *
 * @param <T> the item type of the guarded Unis
 */
public interface UniGuard<T> {

    /** A lazy Uni whose every subscription guards one call of {@code action} (and of it again for each retry). */
    Uni<T> call(Supplier<? extends Uni<T>> action);

    /** The same as {@link #call}, under {@link Guard#get}'s name. */
    default Uni<T> get(Supplier<? extends Uni<T>> action) {
        return call(action);
    }
}
