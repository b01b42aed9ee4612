package dev.bulwark.cdi.reactive;

import dev.bulwark.api.AsynchronousNonBlocking;
import dev.bulwark.api.BeforeRetry;
import dev.bulwark.api.ExponentialBackoff;
import dev.bulwark.api.Guarded;
import dev.bulwark.api.Preset;
import dev.bulwark.api.RetryWhen;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Beans whose guarded methods return Mutiny's Uni, and ones that must fail deployment. */
final class UniBeans {

    private UniBeans() {
    }

    @Dependent
    public static class UniService {
        final AtomicInteger methodCalls = new AtomicInteger();
        final AtomicInteger subscriptions = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<String> gate = new CompletableFuture<>();

        private Uni<String> failingFirst(int failures, String item) {
            methodCalls.incrementAndGet();
            return Uni.createFrom().item(() -> {
                threads.add(Thread.currentThread().getName());
                if (subscriptions.incrementAndGet() <= failures) {
                    throw new IllegalStateException("down " + subscriptions.get());
                }
                return item;
            });
        }

        @Retry(maxRetries = 3, delay = 10, jitter = 0)
        public Uni<String> flaky() {
            return failingFirst(2, "third time");
        }

        @Timeout(200)
        public Uni<String> slow() {
            return Uni.createFrom().item("late").onItem().delayIt().by(Duration.ofSeconds(5));
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
        public Uni<String> broken() {
            return failingFirst(Integer.MAX_VALUE, "never");
        }

        @Bulkhead(value = 1, waitingTaskQueue = 1)
        public Uni<String> held() {
            methodCalls.incrementAndGet();
            return Uni.createFrom().completionStage(() -> gate);
        }

        @Fallback(fallbackMethod = "plain")
        public Uni<String> withPlainFallback() {
            return failingFirst(Integer.MAX_VALUE, "never");
        }

        String plain() {
            return "plain fallback";
        }

        @Fallback(fallbackMethod = "reactive")
        public Uni<String> withUniFallback() {
            return failingFirst(Integer.MAX_VALUE, "never");
        }

        Uni<String> reactive() {
            return Uni.createFrom().item("Uni fallback");
        }

        @Fallback(ItemHandler.class)
        public Uni<String> withHandler() {
            return failingFirst(Integer.MAX_VALUE, "never");
        }

        @Asynchronous
        @Retry(maxRetries = 1, delay = 0)
        public Uni<String> offloaded() {
            return failingFirst(1, "offloaded");
        }

        @Retry(maxRetries = 5, delay = 60_000)
        public Uni<String> retriesLater() {
            return failingFirst(Integer.MAX_VALUE, "never");
        }

        @AsynchronousNonBlocking
        @Retry(maxRetries = 2, delay = 0)
        public CompletionStage<String> nonBlockingStage() {
            methodCalls.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            return subscriptions.incrementAndGet() <= 1 ? CompletableFuture.failedFuture(new IllegalStateException("down"))
                    : CompletableFuture.completedFuture("stage");
        }
    }

    /** Refinements and presets on Uni methods, as on CompletionStage ones. */
    @Dependent
    public static class RefinedUnis {
        final AtomicInteger subscriptions = new AtomicInteger();
        final List<Integer> beforeRetries = new CopyOnWriteArrayList<>();

        /** Retries while the item is "pending" (a rejected result), with a before-retry method and a backoff. */
        @Retry(maxRetries = 5, delay = 1, jitter = 0)
        @ExponentialBackoff(factor = 2, maxDelay = 10)
        @RetryWhen(result = IsPending.class)
        @BeforeRetry(methodName = "counting")
        public Uni<String> untilReady() {
            return Uni.createFrom().item(() -> subscriptions.incrementAndGet() < 3 ? "pending" : "ready");
        }

        void counting() {
            beforeRetries.add(subscriptions.get());
        }

        /** The HTTP_INTERNAL preset: its retry applies to the Uni's failures. */
        @Guarded(Preset.HTTP_INTERNAL)
        public Uni<String> preset() {
            return Uni.createFrom().item(() -> {
                if (subscriptions.incrementAndGet() < 2) {
                    throw new IllegalStateException("down");
                }
                return "preset";
            });
        }
    }

    /** Retries a pending item. */
    public static class IsPending implements java.util.function.Predicate<Object> {
        @Override
        public boolean test(Object item) {
            return "pending".equals(item);
        }
    }

    /** A handler for a Uni method that gives the plain item. */
    public static class ItemHandler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "handled " + context.getFailure().getMessage();
        }
    }

    @ApplicationScoped
    public static class GuardedMulti {
        @Retry
        public Multi<String> stream() {
            return Multi.createFrom().items("a");
        }
    }

    @ApplicationScoped
    public static class BothAsynchronous {
        @Asynchronous
        @AsynchronousNonBlocking
        public Uni<String> both() {
            return Uni.createFrom().item("x");
        }
    }

    @ApplicationScoped
    public static class NonBlockingString {
        @AsynchronousNonBlocking
        @Retry
        public String plain() {
            return "x";
        }
    }

    @ApplicationScoped
    public static class PrivateRetry {
        public String call() {
            return hidden();
        }

        @Retry
        private String hidden() {
            return "x";
        }
    }
}
