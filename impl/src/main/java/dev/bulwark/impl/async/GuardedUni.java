package dev.bulwark.impl.async;

import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The Uni the caller of a guarded Uni method gets: lazy, each subscription one guarded call ({@code call}), whose
 * cancellation cancels that call. A call that is over by the time it returns (an item at once, as from a cache or an
 * open breaker) is passed on without a callback.
 */
final class GuardedUni extends AbstractUni<Object> {

    private final Supplier<CompletableFuture<Object>> call;

    GuardedUni(Supplier<CompletableFuture<Object>> call) {
        this.call = call;
    }

    @Override
    public void subscribe(UniSubscriber<? super Object> subscriber) {
        CompletableFuture<Object> outcome;
        try {
            outcome = call.get();
        } catch (Throwable failure) {
            subscriber.onSubscribe(() -> { });
            subscriber.onFailure(failure);
            return;
        }
        subscriber.onSubscribe(() -> outcome.cancel(true));
        if (outcome.isDone()) {
            pass(outcome, subscriber);
        } else {
            outcome.whenComplete((item, failure) -> {
                if (failure == null) {
                    subscriber.onItem(item);
                } else if (!(failure instanceof CancellationException)) {
                    subscriber.onFailure(failure);
                }
            });
        }
    }

    private static void pass(CompletableFuture<Object> outcome, UniSubscriber<? super Object> subscriber) {
        Object item;
        try {
            item = outcome.join();
        } catch (CancellationException cancelled) {
            return; // the subscriber cancelled: it wants no outcome
        } catch (CompletionException failed) {
            subscriber.onFailure(failed.getCause());
            return;
        }
        subscriber.onItem(item);
    }
}
