package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.AsyncGuard;
import dev.bulwark.api.Bulwark;
import dev.bulwark.api.Guard;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The programmatic engine's threads end at {@link Bulwark#shutdown}, and what was built on it fails loudly after. */
class EngineShutdownTest {

    private static Set<Thread> bulwarkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("bulwark-")).collect(Collectors.toSet());
    }

    private static AsyncGuard<String> asyncGuard() {
        return Guard.<String>builder()
                .withRetry(r -> r.maxRetries(2).delay(Duration.ofMillis(1)).jitter(Duration.ZERO))
                .withTimeout(Duration.ofSeconds(5))
                .buildAsync();
    }

    private static Guard<String> timedGuard() {
        return Guard.<String>builder().withTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void shouldStopEveryThreadOfTheProgrammaticEngine() throws Exception {
        assertTrue(Bulwark.shutdown(Duration.ofSeconds(5)), "a clean start");
        Set<Thread> before = bulwarkThreads();

        AsyncGuard<String> async = asyncGuard();
        Guard<String> timed = timedGuard();
        int[] attempts = {0};
        assertEquals("ok", async.call(() -> ++attempts[0] < 3
                ? CompletableFuture.failedFuture(new IllegalStateException("again"))
                : CompletableFuture.completedFuture("ok")).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals("ok", timed.get(() -> "ok"));
        Set<Thread> started = bulwarkThreads();
        started.removeAll(before);
        assertFalse(started.isEmpty(), "the engine started its threads: scheduler, watchdog, pool");

        assertTrue(Bulwark.shutdown(Duration.ofSeconds(5)), "every thread ended in time");
        for (Thread t : started) {
            assertFalse(t.isAlive(), t.getName() + " outlived the shutdown");
        }

        ExecutionException refused = assertThrows(ExecutionException.class, () -> async.call(
                () -> CompletableFuture.completedFuture("late")).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(RejectedExecutionException.class, refused.getCause(), "a stopped engine runs nothing");
        IllegalStateException unwatched = assertThrows(IllegalStateException.class, () -> timed.get(() -> "late"));
        assertTrue(unwatched.getMessage().contains("watchdog"), unwatched.getMessage());

        assertEquals("fresh", timedGuard().get(() -> "fresh"), "a guard built after the shutdown has a new engine");
        assertEquals("fresh", asyncGuard().call(() -> CompletableFuture.completedFuture("fresh"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(Bulwark.shutdown(Duration.ofSeconds(5)));
    }

    @Test
    void shouldStopAnAttemptInFlight() throws Exception {
        CompletableFuture<String> hanging = asyncGuard().call(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture("slept");
        }).toCompletableFuture();
        Thread.sleep(50);
        assertTrue(Bulwark.shutdown(Duration.ofSeconds(5)), "the running attempt was interrupted, its thread ended");
        try {
            hanging.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException ended) {
            // interrupted, then refused a retry by the stopped engine: ended either way
        }
        assertTrue(hanging.isDone(), "the call ended, it did not hang");
    }

    @Test
    void shouldRefuseANegativeWait() {
        assertThrows(IllegalArgumentException.class, () -> Bulwark.shutdown(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> Bulwark.shutdown(null));
    }
}
