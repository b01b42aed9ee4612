package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.api.UniGuard;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.testing.VirtualTime;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@code Guard.builder()...buildUni()}: the programmatic door to the same Uni path, in virtual time. */
class UniGuardTest {

    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().executor(Runnable::run).build();
    private final AtomicInteger subscriptions = new AtomicInteger();

    private Uni<String> failingFirst(int failures) {
        return Uni.createFrom().item(() -> {
            if (subscriptions.incrementAndGet() <= failures) {
                throw new IllegalStateException("down " + subscriptions.get());
            }
            return "ok after " + subscriptions.get();
        });
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(0, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void shouldRetryWithScheduledDelays() {
        UniGuard<String> guard = new GuardSpecBuilder<String>(engine)
                .withRetry(r -> r.maxRetries(3).delay(Duration.ofMillis(100)).jitter(Duration.ZERO)).buildUni();
        CompletableFuture<String> result = guard.call(() -> failingFirst(2)).subscribeAsCompletionStage();
        time.advance(Duration.ofMillis(100).toNanos());
        time.advance(Duration.ofMillis(100).toNanos());
        assertEquals("ok after 3", result.join());
    }

    @Test
    void shouldFallBackWithAPlainValue() {
        UniGuard<String> guard = new GuardSpecBuilder<String>(engine)
                .withFallback(failure -> "fallback for " + failure.getMessage()).buildUni();
        assertEquals("fallback for down 1", guard.call(() -> failingFirst(1)).subscribeAsCompletionStage().join());
    }

    @Test
    void shouldTimeOutAndRejectOverTheBulkhead() {
        UniGuard<String> guard = new GuardSpecBuilder<String>(engine).withTimeout(Duration.ofSeconds(1))
                .withBulkhead(b -> b.limit(1).queueSize(1)).buildUni();
        CompletableFuture<String> first = guard.call(() -> Uni.createFrom().nothing()).subscribeAsCompletionStage();
        CompletableFuture<String> second = guard.call(() -> Uni.createFrom().nothing()).subscribeAsCompletionStage();
        CompletableFuture<String> third = guard.call(() -> Uni.createFrom().nothing()).subscribeAsCompletionStage();
        assertInstanceOf(BulkheadException.class, failureOf(third));
        time.advance(TimeUnit.SECONDS.toNanos(1));
        assertInstanceOf(TimeoutException.class, failureOf(first));
        assertInstanceOf(TimeoutException.class, failureOf(second), "the waiting one timed out too (its wait counts)");
    }
}
