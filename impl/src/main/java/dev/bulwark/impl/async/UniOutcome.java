package dev.bulwark.impl.async;

import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;
import java.util.concurrent.CompletableFuture;

/**
 * One attempt's subscription to the Uni its method returned, as the stage the driver follows: the Uni's item or
 * failure completes it, and cancelling it cancels the subscription. One object per attempt, where
 * {@code subscribeAsCompletionStage()} makes several.
 */
final class UniOutcome extends CompletableFuture<Object> implements UniSubscriber<Object> {

    private volatile UniSubscription subscription;

    @Override
    public void onSubscribe(UniSubscription subscription) {
        this.subscription = subscription;
        if (isCancelled()) {
            subscription.cancel(); // cancelled while Mutiny was still subscribing
        }
    }

    @Override
    public void onItem(Object item) {
        complete(item);
    }

    @Override
    public void onFailure(Throwable failure) {
        completeExceptionally(failure);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        UniSubscription current = subscription;
        if (cancelled && current != null) {
            current.cancel();
        }
        return cancelled;
    }
}
