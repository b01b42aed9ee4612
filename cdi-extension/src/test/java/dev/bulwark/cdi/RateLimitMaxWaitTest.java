package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

/**
 * {@code maxWait}: instead of being refused, a call waits for the next permit (here at most 50 ms away, the
 * minimum spacing) when it comes within the wait; a synchronous caller waits interruptibly.
 */
class RateLimitMaxWaitTest {

    static final AtomicInteger CALLS = new AtomicInteger();

    @ApplicationScoped
    public static class Waiting {
        @RateLimit(value = 1000, window = 1, windowUnit = ChronoUnit.HOURS, minSpacing = 50, maxWait = 1,
                maxWaitUnit = ChronoUnit.MINUTES)
        public String sync() {
            CALLS.incrementAndGet();
            return "ok";
        }

        @Asynchronous
        @RateLimit(value = 1000, window = 1, windowUnit = ChronoUnit.HOURS, minSpacing = 50, maxWait = 1,
                maxWaitUnit = ChronoUnit.MINUTES)
        public CompletionStage<String> async() {
            CALLS.incrementAndGet();
            return CompletableFuture.completedFuture("ok");
        }

        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS, maxWait = 2, maxWaitUnit = ChronoUnit.HOURS)
        public String forTheNextHour() {
            return "ok";
        }

        @Asynchronous
        @Retry(maxRetries = 3, jitter = 0)
        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        public CompletionStage<String> asyncFailing() {
            CALLS.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }
    }

    @Test
    void shouldLetASynchronousCallerWaitForThePermitInsteadOfRefusingIt() {
        try (Deployment d = Deployment.of(Waiting.class)) {
            Waiting bean = d.bean(Waiting.class);
            CALLS.set(0);
            assertEquals("ok", bean.sync());
            assertEquals("ok", bean.sync());
            assertEquals(2, CALLS.get());
        }
    }

    @Test
    void shouldCompleteAWaitingAsynchronousCallOnceThePermitComes() throws Exception {
        try (Deployment d = Deployment.of(Waiting.class)) {
            Waiting bean = d.bean(Waiting.class);
            CALLS.set(0);
            CompletionStage<String> first = bean.async();
            CompletionStage<String> second = bean.async();
            assertEquals("ok", first.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertEquals("ok", second.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertEquals(2, CALLS.get());
        }
    }

    @Test
    void shouldRefuseAWaitingSynchronousCallerThatIsInterrupted() throws Exception {
        try (Deployment d = Deployment.of(Waiting.class)) {
            Waiting bean = d.bean(Waiting.class);
            bean.forTheNextHour();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    bean.forTheNextHour();
                } catch (Throwable t) {
                    failure.set(t);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            caller.start();
            awaitWaiting(caller);
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(10));
            RateLimitException refused = assertInstanceOf(RateLimitException.class, failure.get());
            assertInstanceOf(InterruptedException.class, refused.getCause());
            assertTrue(stillInterrupted.get(), "the interrupt is kept for the caller's code");
        }
    }

    @Test
    void shouldTakeOnePermitPerAsynchronousAttempt() {
        try (Deployment d = Deployment.of(Waiting.class)) {
            CALLS.set(0);
            CompletableFuture<String> outcome = d.bean(Waiting.class).asyncFailing().toCompletableFuture();
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> outcome.get(10, TimeUnit.SECONDS));
            assertInstanceOf(RateLimitException.class, e.getCause());
            assertEquals(2, CALLS.get());
        }
    }

    /** Waits until {@code thread} parks (waiting for its permit); bounded, so a broken wait fails the test. */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        for (int i = 0; i < 10_000; i++) {
            Thread.State s = thread.getState();
            if (s == Thread.State.TIMED_WAITING || s == Thread.State.WAITING) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the caller never started waiting: " + thread.getState());
    }
}
