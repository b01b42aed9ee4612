package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.AsyncGuard;
import dev.bulwark.api.GuardBuilder;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.testing.VirtualTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** withExecutor runs the attempts of an asynchronous guard; the guards that would not use it refuse it. */
class GuardExecutorTest {

    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().executor(Runnable::run).build();
    private final ThreadLocal<Boolean> onExecutor = ThreadLocal.withInitial(() -> false);
    private final Executor counting = task -> {
        onExecutor.set(true);
        try {
            task.run();
        } finally {
            onExecutor.set(false);
        }
    };

    private GuardBuilder<String> builder() {
        return new GuardSpecBuilder<String>(engine).withRetry(r -> r.maxRetries(2).jitter(Duration.ZERO));
    }

    @Test
    void shouldRunEachAsynchronousAttemptOnTheGivenExecutor() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger onIt = new AtomicInteger();
        AsyncGuard<String> guard = builder().withExecutor(counting).buildAsync();
        String result = guard.call(() -> (onExecutor.get() ? onIt.incrementAndGet() : 0) >= 0
                && attempts.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new IllegalStateException("down"))
                : CompletableFuture.completedFuture("ok")).toCompletableFuture().get();
        assertEquals("ok", result);
        assertEquals(3, attempts.get());
        assertEquals(3, onIt.get(), "each of the three attempts ran on the executor");
    }

    @Test
    void shouldFailToBuildASynchronousGuardGivenAnExecutor() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> builder().withExecutor(counting).build());
        assertEquals("withExecutor applies only to buildAsync(), not to build(): a synchronous guard runs each attempt"
                + " on the calling thread; remove withExecutor or use buildAsync()", e.getMessage());
    }

    @Test
    void shouldFailToBuildAUniGuardGivenAnExecutor() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> builder().withExecutor(counting).buildUni());
        assertEquals("withExecutor applies only to buildAsync(), not to buildUni(): a Uni guard runs each attempt"
                + " where the Uni is subscribed to; remove withExecutor or use buildAsync()", e.getMessage());
    }
}
