package dev.bulwark.impl.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitState;
import dev.bulwark.api.CircuitStateListener;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.impl.timeout.TimeoutSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * 100,000 guarded calls from many threads, on real threads and real time, with random failures, timeouts,
 * cancellations, stages completed later on other threads, and an operator forcing one breaker around.
 * Whatever the interleaving: every call ends, every bulkhead place comes back, no watchdog interrupt leaks out
 * of a call, and each breaker only ever makes legal transitions. Nothing here asserts on timing; the time
 * limits only bound how long a hung call can keep the build waiting.
 */
class ConcurrencyStressTest {

    private static final int THREADS = 8;
    private static final int CALLS = 100_000;
    private static final long MS = 1_000_000;

    /** What the state machine may do on its own. */
    private static final Set<String> NATURAL = Set.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN",
            "HALF_OPEN->CLOSED");
    /** What an operator may do besides: force open, force closed or reset, from any other state. */
    private static final Set<CircuitState> OPERATOR_TARGETS = EnumSet.of(CircuitState.FORCED_OPEN,
            CircuitState.FORCED_CLOSED, CircuitState.CLOSED);

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> illegal = ConcurrentHashMap.newKeySet();

    private CircuitStateListener checking(boolean operated) {
        return (name, from, to) -> {
            String t = name + ": " + from + "->" + to;
            seen.add(t);
            boolean legal = NATURAL.contains(from + "->" + to)
                    || operated && from != to && OPERATOR_TARGETS.contains(to);
            if (!legal) {
                illegal.add(t);
            }
        };
    }

    @Test
    void shouldReturnEveryPermitAndMakeOnlyLegalTransitionsUnderLoad() throws Exception {
        ExecutorService asyncPool = Executors.newFixedThreadPool(4);
        ExecutorService completer = Executors.newFixedThreadPool(2);
        ExecutorService callers = Executors.newFixedThreadPool(THREADS + 1);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong leakedInterrupts = new AtomicLong();
        AtomicLong ended = new AtomicLong();
        try (Engine engine = Engine.builder().executor(asyncPool).build()) {
            Operation sync = engine.operation(spec("sync", false, checking(false)));
            Operation async = engine.operation(spec("async", true, checking(false)));
            Operation operated = engine.operation(spec("operated", false, checking(true)));

            Future<?> operator = callers.submit(() -> {
                CircuitBreaker breaker = operated.circuitBreaker();
                // At least a thousand moves, however little CPU this thread gets while the callers run.
                for (int moves = 0; running.get() || moves < 1_000; moves++) {
                    switch (ThreadLocalRandom.current().nextInt(3)) {
                        case 0 -> breaker.forceOpen();
                        case 1 -> breaker.forceClosed();
                        default -> breaker.reset();
                    }
                    LockSupport.parkNanos(50_000); // leave the two cores to the callers
                }
                breaker.reset();
                return null;
            });

            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(callers.submit(() -> {
                    List<CompletableFuture<Object>> pending = new ArrayList<>();
                    for (int i = 0; i < CALLS / THREADS; i++) {
                        int kind = i % 4;
                        if (kind == 0 || kind == 1) {
                            callSync(kind == 0 ? sync : operated, leakedInterrupts);
                            ended.incrementAndGet();
                        } else {
                            CompletableFuture<Object> f = async.callAsync(() -> randomStage(completer), null);
                            if (ThreadLocalRandom.current().nextInt(10) == 0) {
                                f.cancel(true);
                            }
                            pending.add(f);
                        }
                    }
                    for (CompletableFuture<Object> f : pending) {
                        try {
                            f.get(60, TimeUnit.SECONDS); // a java.util.concurrent.TimeoutException fails the test
                        } catch (ExecutionException | CancellationException expected) {
                            // failed, timed out or cancelled: all part of the load
                        }
                        ended.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(120, TimeUnit.SECONDS);
            }
            running.set(false);
            operator.get(10, TimeUnit.SECONDS);

            // A timed-out or cancelled attempt keeps its place until its stage completes: let every stage complete
            // (completer), then every attempt those completions started (asyncPool); nothing can start after that.
            completer.shutdown();
            assertTrue(completer.awaitTermination(30, TimeUnit.SECONDS));
            asyncPool.shutdown();
            assertTrue(asyncPool.awaitTermination(30, TimeUnit.SECONDS));

            assertEquals(CALLS, ended.get(), "every call ended");
            assertEquals(0, sync.semaphoreBulkhead().running(), "sync bulkhead places all returned");
            assertEquals(0, operated.semaphoreBulkhead().running(), "operated bulkhead places all returned");
            assertEquals(0, async.queueingBulkhead().running(), "async bulkhead places all returned");
            assertEquals(0, async.queueingBulkhead().waiting(), "async bulkhead queue empty");
            assertEquals(0, leakedInterrupts.get(), "no watchdog interrupt leaked out of a call");
            assertEquals(Set.of(), illegal, "illegal transitions; all seen: " + seen);
            assertTrue(sync.circuitBreaker().timesOpened() > 0, "the load did open the sync breaker: " + seen);
            assertTrue(async.circuitBreaker().timesOpened() > 0, "the load did open the async breaker: " + seen);
            assertTrue(seen.contains("operated: CLOSED->FORCED_OPEN"), "the operator did force its breaker: " + seen);
        } finally {
            running.set(false);
            callers.shutdownNow();
            completer.shutdownNow();
            asyncPool.shutdownNow();
        }
    }

    private static void callSync(Operation op, AtomicLong leakedInterrupts) {
        try {
            op.call(ConcurrencyStressTest::randomValue, null);
        } catch (Exception expected) {
            // failures, timeouts, rejections: all part of the load
        }
        if (Thread.interrupted()) {
            leakedInterrupts.incrementAndGet();
        }
    }

    private static OperationSpec spec(String name, boolean async, CircuitStateListener listener) {
        return OperationSpec.builder(name).asynchronous(async)
                .retry(RetrySpec.of(2, 0, 0, 0, ExceptionMatcher.allExceptions()))
                .circuitBreaker(CircuitBreakerSpec.builder(10, 0.5, MS, 2, ExceptionMatcher.all())
                        .listeners(List.of(listener)).build())
                .timeout(new TimeoutSpec(MS))
                .bulkhead(new BulkheadSpec(4, 4))
                .build();
    }

    /** Mostly a fast success; sometimes a failure; rarely slower than the 1 ms timeout. */
    private static Object randomValue() throws InterruptedException {
        int r = ThreadLocalRandom.current().nextInt(100);
        if (r < 25) {
            throw new IllegalStateException("random failure");
        }
        if (r < 27) {
            Thread.sleep(2);
        }
        return "ok";
    }

    /** Like {@link #randomValue()}, but one stage in ten is completed later, on another thread. */
    private static CompletionStage<Object> randomStage(ExecutorService completer) throws InterruptedException {
        if (ThreadLocalRandom.current().nextInt(10) == 0) {
            CompletableFuture<Object> later = new CompletableFuture<>();
            completer.execute(() -> {
                try {
                    later.complete(randomValue());
                } catch (Throwable t) {
                    later.completeExceptionally(t);
                }
            });
            return later;
        }
        return CompletableFuture.completedFuture(randomValue());
    }
}
