package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.RateLimit;
import dev.bulwark.impl.chain.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.junit.jupiter.api.Test;

/**
 * {@code @Asynchronous} with {@code @RateLimit}: a refusal is a failed stage, never an exception thrown at the
 * caller; with {@code maxWait} the call waits for a permit by being scheduled, holding no thread.
 */
class RateLimitAsyncTest {

    static final AtomicInteger CALLS = new AtomicInteger();

    @ApplicationScoped
    public static class Async {
        @Asynchronous
        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        public CompletionStage<String> refusing() {
            CALLS.incrementAndGet();
            return CompletableFuture.completedFuture("ok");
        }

        // maxWait beyond the window, so a refused call waits for the next window instead of failing at once.
        @Asynchronous
        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS, maxWait = 2, maxWaitUnit = ChronoUnit.HOURS)
        public CompletionStage<String> waiting() {
            CALLS.incrementAndGet();
            return CompletableFuture.completedFuture("ok");
        }

        @Asynchronous
        public CompletionStage<String> unlimited() {
            return CompletableFuture.completedFuture("free");
        }
    }

    private static String await(CompletionStage<String> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldReturnAStageFailedWithRateLimitExceptionWhenRefused() throws Exception {
        try (Deployment d = Deployment.of(Async.class)) {
            Async bean = d.bean(Async.class);
            CALLS.set(0);
            assertEquals("ok", await(bean.refusing()));
            CompletionStage<String> refused = bean.refusing(); // not thrown here
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(refused));
            assertInstanceOf(dev.bulwark.api.RateLimitException.class, e.getCause());
            assertEquals(1, CALLS.get());
        }
    }

    @Test
    void shouldScheduleAWaitingCallInsteadOfBlockingAThread() throws Exception {
        try (Deployment d = Deployment.of(Async.class)) {
            Async bean = d.bean(Async.class);
            CALLS.set(0);
            assertEquals("ok", await(bean.waiting()));
            // More waiting calls than the executor has threads: if any of them held a thread, the call below
            // would queue behind them for the rest of the hour.
            List<CompletableFuture<String>> waiting = new ArrayList<>();
            for (int i = 0; i < Engine.DEFAULT_MAX_THREADS + 10; i++) {
                waiting.add(bean.waiting().toCompletableFuture());
            }
            assertEquals("free", await(bean.unlimited()));
            for (CompletableFuture<String> w : waiting) {
                assertFalse(w.isDone(), "waits for the next window");
                w.cancel(true);
            }
            assertEquals(1, CALLS.get());
        }
    }
}
