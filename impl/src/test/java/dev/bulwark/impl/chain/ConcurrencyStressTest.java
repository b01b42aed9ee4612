package dev.bulwark.impl.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.api.CircuitStateListener;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.impl.timeout.TimeoutSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads, 100,000 guarded calls with random failures, timeouts and cancellations, on real threads and
 * real time. Whatever the interleaving, every bulkhead place comes back, no interrupt leaks out of a call,
 * and the breaker only ever makes legal transitions.
 */
class ConcurrencyStressTest {

    private static final int THREADS = 8;
    private static final int CALLS = 100_000;
    private static final long MS = 1_000_000;

    private static final Set<String> LEGAL = Set.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN",
            "HALF_OPEN->CLOSED");

    @Test
    void shouldReturnEveryPermitAndMakeOnlyLegalTransitions() throws Exception {
        ExecutorService asyncPool = Executors.newFixedThreadPool(4);
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        Set<String> transitions = ConcurrentHashMap.newKeySet();
        AtomicInteger illegal = new AtomicInteger();
        CircuitStateListener recorder = (name, from, to) -> {
            String t = from + "->" + to;
            transitions.add(t);
            if (!LEGAL.contains(t)) {
                illegal.incrementAndGet();
            }
        };
        try (Engine engine = Engine.builder().executor(asyncPool).build()) {
            Operation sync = engine.operation(spec("sync", false, recorder));
            Operation async = engine.operation(spec("async", true, recorder));
            AtomicLong leakedInterrupts = new AtomicLong();
            AtomicLong completed = new AtomicLong();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(callers.submit(() -> {
                    List<CompletableFuture<Object>> pending = new ArrayList<>();
                    for (int i = 0; i < CALLS / THREADS; i++) {
                        if (i % 2 == 0) {
                            try {
                                sync.call(ConcurrencyStressTest::randomAction, null);
                            } catch (Exception expected) {
                                // failures, timeouts, rejections: all part of the load
                            }
                            if (Thread.currentThread().isInterrupted()) {
                                leakedInterrupts.incrementAndGet();
                                Thread.interrupted();
                            }
                        } else {
                            CompletableFuture<Object> f = async.callAsync(
                                    () -> CompletableFuture.completedFuture(randomAction()), null);
                            if (ThreadLocalRandom.current().nextInt(10) == 0) {
                                f.cancel(true);
                            }
                            pending.add(f);
                        }
                        completed.incrementAndGet();
                    }
                    for (CompletableFuture<Object> f : pending) {
                        try {
                            f.get(30, TimeUnit.SECONDS);
                        } catch (Exception expected) {
                            // failed or cancelled
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(120, TimeUnit.SECONDS);
            }
            // Releases run on the pool after the caller's future completes; let the pool drain.
            asyncPool.shutdown();
            assertTrue(asyncPool.awaitTermination(30, TimeUnit.SECONDS));

            assertEquals(CALLS, completed.get());
            assertEquals(0, sync.semaphoreBulkhead().running(), "sync bulkhead places all returned");
            assertEquals(0, async.queueingBulkhead().running(), "async bulkhead places all returned");
            assertEquals(0, async.queueingBulkhead().waiting(), "async bulkhead queue empty");
            assertEquals(0, leakedInterrupts.get(), "no watchdog interrupt leaked out of a call");
            assertEquals(0, illegal.get(), "illegal transitions: " + transitions);
            assertTrue(transitions.contains("CLOSED->OPEN"), "the load did exercise the breaker: " + transitions);
            assertTrue(sync.circuitBreaker().timesOpened() > 0);
            assertTrue(List.of(CircuitState.values()).contains(sync.circuitBreaker().state()));
        } finally {
            callers.shutdownNow();
            asyncPool.shutdownNow();
        }
    }

    private static OperationSpec spec(String name, boolean async, CircuitStateListener listener) {
        return OperationSpec.builder(name).asynchronous(async)
                .retry(RetrySpec.of(2, 0, 0, 0, ExceptionMatcher.allExceptions()))
                .circuitBreaker(new CircuitBreakerSpec(null, 10, 0.5, 0, MS, 2, ExceptionMatcher.all(),
                        List.of(listener)))
                .timeout(new TimeoutSpec(MS))
                .bulkhead(new BulkheadSpec(4, 4))
                .build();
    }

    /** Mostly fast success; sometimes a failure; rarely slower than the 1 ms timeout. */
    private static Object randomAction() throws InterruptedException {
        int r = ThreadLocalRandom.current().nextInt(100);
        if (r < 25) {
            throw new IllegalStateException("random failure");
        }
        if (r < 27) {
            Thread.sleep(2);
        }
        return "ok";
    }
}
