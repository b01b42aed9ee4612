package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.AsyncGuard;
import dev.bulwark.api.Bulwark;
import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitBreakerName;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.Guard;
import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.RateLimitType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import dev.bulwark.impl.chain.Engine;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;

/**
 * The whole stack under injected faults, on Weld, for a bounded time ({@code -Dbulwark.soak.seconds}, 20 by default;
 * the README says how to run it longer): random exceptions, latencies past the timeout, stages that never complete,
 * saturated bulkheads, cancellations, operator actions on the breakers, and the container stopped while calls are
 * in flight. Afterwards every call has ended, the bulkheads are empty, no window saw more permits than its limit,
 * the breakers made only legal transitions, the heap did not grow with the calls, and no Bulwark thread outlived
 * the container.
 */
class SoakTest {

    static final String SYNC = "soak-sync";
    static final String ASYNC = "soak-async";
    static final int LIMIT = 20;
    static final long WINDOW_MILLIS = 100;
    /** When each rate-limited body ran (its permit was granted just before), per limiter type, against its rules. */
    static final Map<RateLimitType, PermitLog> PERMITS = permitLogs();
    /** Calls each limiter refused: the check of the permits means something only if the limits were reached. */
    static final Map<RateLimitType, AtomicLong> REFUSED = new EnumMap<>(Map.of(RateLimitType.FIXED, new AtomicLong(),
            RateLimitType.ROLLING, new AtomicLong(), RateLimitType.SMOOTH, new AtomicLong()));
    /** More asynchronous calls at once than the engine's pool has threads: the rest wait in its queue. */
    static final int FLOOD = Engine.DEFAULT_MAX_THREADS + 50;

    /** What a call does: 0 answers, 1 throws, 2 answers too late for the timeout, 3 never answers (async). */
    static int fault() {
        int roll = ThreadLocalRandom.current().nextInt(100);
        return roll < 70 ? 0 : roll < 85 ? 1 : roll < 95 ? 2 : 3;
    }

    @ApplicationScoped
    public static class Downstream {
        @Retry(maxRetries = 2, delay = 1, jitter = 1)
        @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30)
        @CircuitBreakerName(SYNC)
        @Bulkhead(4)
        @Timeout(20)
        @Fallback(fallbackMethod = "fallback")
        public String sync(int fault) throws InterruptedException {
            if (fault == 1) {
                throw new IllegalStateException("injected");
            }
            if (fault >= 2) {
                Thread.sleep(40);
            }
            return "ok";
        }

        String fallback(int fault) {
            return "fallback";
        }

        @Asynchronous
        @Retry(maxRetries = 2, delay = 1, jitter = 1)
        @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30)
        @CircuitBreakerName(ASYNC)
        @Bulkhead(value = 4, waitingTaskQueue = 4)
        @Timeout(20)
        @Fallback(fallbackMethod = "asyncFallback")
        public CompletionStage<String> async(int fault) throws InterruptedException {
            switch (fault) {
                case 1:
                    return CompletableFuture.failedFuture(new IllegalStateException("injected"));
                case 2:
                    Thread.sleep(40);
                    return CompletableFuture.completedFuture("late");
                case 3:
                    return new CompletableFuture<>(); // a downstream that never answers
                default:
                    return CompletableFuture.completedFuture("ok");
            }
        }

        CompletionStage<String> asyncFallback(int fault) {
            return CompletableFuture.completedFuture("fallback");
        }

        @RateLimit(value = LIMIT, window = WINDOW_MILLIS, windowUnit = ChronoUnit.MILLIS, type = RateLimitType.ROLLING)
        public void rolling() {
            PERMITS.get(RateLimitType.ROLLING).add(System.nanoTime());
        }

        @RateLimit(value = LIMIT, window = WINDOW_MILLIS, windowUnit = ChronoUnit.MILLIS, type = RateLimitType.FIXED)
        public void fixed() {
            PERMITS.get(RateLimitType.FIXED).add(System.nanoTime());
        }

        @RateLimit(value = LIMIT, window = WINDOW_MILLIS, windowUnit = ChronoUnit.MILLIS, type = RateLimitType.SMOOTH)
        public void smooth() {
            PERMITS.get(RateLimitType.SMOOTH).add(System.nanoTime());
        }

        /** No bulkhead: a flood of these saturates the engine's pool, and queued attempts time out before they run. */
        @Asynchronous
        @Timeout(20)
        public CompletionStage<String> flood(int fault) throws InterruptedException {
            if (fault >= 2) {
                Thread.sleep(30);
            }
            return fault == 1 ? CompletableFuture.failedFuture(new IllegalStateException("injected"))
                    : CompletableFuture.completedFuture("ok");
        }
    }

    /** The same faults through the programmatic API, whose engine is not the container's. */
    static final Guard<String> PROGRAMMATIC_SYNC = Guard.<String>builder()
            .withRetry(r -> r.maxRetries(2).delay(Duration.ofMillis(1)).jitter(Duration.ZERO))
            .withCircuitBreaker(cb -> cb.requestVolumeThreshold(10).failureRatio(0.5).delay(Duration.ofMillis(30)))
            .withTimeout(Duration.ofMillis(20))
            .withFallback(failure -> "fallback")
            .build();
    static final AsyncGuard<String> PROGRAMMATIC_ASYNC = Guard.<String>builder()
            .withRetry(r -> r.maxRetries(2).delay(Duration.ofMillis(1)).jitter(Duration.ZERO))
            .withBulkhead(b -> b.limit(4).queueSize(4))
            .withTimeout(Duration.ofMillis(20))
            .buildAsync();

    static String programmatic(int fault) {
        if (fault == 1) {
            throw new IllegalStateException("injected");
        }
        if (fault >= 2) {
            try {
                Thread.sleep(40);
            } catch (InterruptedException timedOut) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "ok";
    }

    private static long bulwarkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("bulwark-")).count();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // The build's 60 s default timeout would end an hour's soak: the method may run for hours, and its own bound,
    // twice the soak plus two minutes, still fails a hung 20 s soak in CI within minutes.
    @Test
    @org.junit.jupiter.api.Timeout(value = 4, unit = TimeUnit.HOURS)
    void shouldHoldUnderFaultsAndLeaveNothingBehind() {
        long seconds = Long.getLong("bulwark.soak.seconds", 20);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2 * seconds + 120),
                () -> soak(seconds), "the soak did not end");
    }

    private static void soak(long seconds) throws Exception {
        assertTrue(Bulwark.shutdown(Duration.ofSeconds(5)), "no programmatic engine left over from another test");
        long baselineThreads = bulwarkThreads();
        PERMITS.values().forEach(PermitLog::clear);
        REFUSED.values().forEach(refused -> refused.set(0));
        List<String> illegal = Collections.synchronizedList(new ArrayList<>());
        AtomicLong calls = new AtomicLong();
        List<CompletableFuture<String>> pending = Collections.synchronizedList(new ArrayList<>());
        long[] heapAtQuarter = new long[4];
        try (Deployment d = Deployment.of(Downstream.class, MicrometerMetricsTest.Registry.class)) {
            Downstream downstream = d.bean(Downstream.class);
            CircuitBreakerMaintenance breakers = d.bean(CircuitBreakerMaintenance.class);
            Set<String> legalFrom = Set.of("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>OPEN", "HALF_OPEN>CLOSED");
            for (String name : List.of(SYNC, ASYNC)) {
                dev.bulwark.api.CircuitBreakerMaintenance.get().breaker(name).onStateChange((breaker, from, to) -> {
                    boolean operator = to == CircuitState.FORCED_OPEN || to == CircuitState.FORCED_CLOSED
                            || to == CircuitState.CLOSED && from != CircuitState.HALF_OPEN;
                    if (!operator && !legalFrom.contains(from + ">" + to)) {
                        illegal.add(breaker + ": " + from + " -> " + to);
                    }
                });
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long begin = System.nanoTime();
            List<Thread> drivers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                Thread driver = new Thread(() -> drive(downstream, breakers, end, calls, pending), "soak-" + t);
                drivers.add(driver);
                driver.start();
            }
            Thread flooder = new Thread(() -> flood(downstream, end, calls), "soak-flood");
            drivers.add(flooder);
            flooder.start();
            Thread hammer = new Thread(() -> hammer(downstream, end, calls), "soak-limits");
            drivers.add(hammer);
            hammer.start();
            for (int quarter = 1; quarter <= 3; quarter++) {
                long at = begin + TimeUnit.SECONDS.toNanos(seconds) * quarter / 4;
                while (System.nanoTime() < at) {
                    Thread.sleep(100);
                }
                heapAtQuarter[quarter - 1] = usedHeapAfterGc();
            }
            for (Thread driver : drivers) {
                driver.join(TimeUnit.SECONDS.toMillis(seconds + 30));
                assertTrue(!driver.isAlive(), "a synchronous call hung in " + driver.getName());
            }
            for (CompletableFuture<String> call : pending) {
                try {
                    call.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException ended) {
                    // ended: a failure or a cancellation is an end too
                }
            }
            breakers.reset(SYNC);
            breakers.reset(ASYNC);
            MeterRegistry registry = d.bean(MeterRegistry.class);
            for (String method : List.of("sync", "async")) {
                String tagged = Downstream.class.getName() + "." + method;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                double running;
                do {
                    running = registry.get("ft.bulkhead.executionsRunning").tag("method", tagged).gauge().value();
                } while (running != 0 && System.nanoTime() < deadline && sleep(20));
                assertEquals(0.0, running, "bulkhead places of " + method + " not given back");
            }
            heapAtQuarter[3] = usedHeapAfterGc();
            // Flat from the second quarter on: by then every pool, cache and JIT structure is warm.
            long halfway = heapAtQuarter[1];
            assertTrue(heapAtQuarter[3] < halfway + 64L * 1024 * 1024, "the heap grew with the calls: "
                    + halfway / 1024 + " KiB at half time, " + heapAtQuarter[3] / 1024 + " KiB at the end");

            // The container stops while calls are in flight: none may hang.
            List<Thread> lastCalls = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread last = new Thread(() -> {
                    try {
                        downstream.sync(2);
                        downstream.async(3).toCompletableFuture().get(5, TimeUnit.SECONDS);
                    } catch (Exception stopped) {
                        // the container went away under the call: any outcome but a hang
                    }
                });
                lastCalls.add(last);
                last.start();
            }
            Thread.sleep(5);
            d.close();
            for (Thread last : lastCalls) {
                last.join(15_000);
                assertTrue(!last.isAlive(), "a call hung across the container's shutdown");
            }
        }
        assertTrue(Bulwark.shutdown(Duration.ofSeconds(10)), "the programmatic engine's threads did not end");
        assertTrue(illegal.isEmpty(), () -> "illegal breaker transitions: " + illegal);
        PERMITS.forEach((type, log) -> {
            List<String> broken = log.finish();
            assertTrue(broken.isEmpty(), () -> type + " broke its rule: " + broken);
        });
        REFUSED.forEach((type, refused) -> assertTrue(refused.get() > 0, type + " never reached its limit"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (bulwarkThreads() > baselineThreads && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(baselineThreads, bulwarkThreads(), () -> "Bulwark threads outlived the container: "
                + Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .filter(n -> n.startsWith("bulwark-")).toList());
        assertTrue(calls.get() > 1000, "the soak made too few calls to mean much: " + calls.get());
        System.out.println("soak: " + calls.get() + " calls in " + seconds + " s on JDK " + Runtime.version().feature()
                + " (bulwark.async.virtual-threads=" + System.getProperty("bulwark.async.virtual-threads", "false") + ")"
                + ", rate-limit permits " + PERMITS.entrySet().stream().map(e -> e.getKey() + " "
                        + e.getValue().total() + ", at most " + e.getValue().mostWithin() + " in any "
                        + WINDOW_MILLIS * 3 / 4 + " ms (" + LIMIT + " per " + WINDOW_MILLIS + " ms window; refused "
                        + REFUSED.get(e.getKey()) + ")").toList()
                + ", heap after GC at each quarter " + java.util.Arrays.stream(heapAtQuarter)
                        .mapToObj(h -> h / 1024 / 1024 + " MiB").toList()
                + ", threads at the end " + Thread.activeCount() + " (bulwark-* " + bulwarkThreads() + ")");
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Every limiter's rules. A permit's time is taken just after it was granted, so each bound allows a quarter of the
     * window for that gap: ROLLING, at most LIMIT in any window; FIXED, at most LIMIT in each of its windows, so at most
     * 2 x LIMIT in any window-long interval (one window's end, the next's start); SMOOTH, a full bucket of LIMIT plus
     * LIMIT per window refilled, so k permits need (k - LIMIT) / LIMIT windows.
     */
    private static Map<RateLimitType, PermitLog> permitLogs() {
        long window = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
        long slack = window / 4;
        List<PermitLog.Rule> smooth = new ArrayList<>();
        for (int k = LIMIT + LIMIT / 2; k <= 3 * LIMIT; k += LIMIT / 2) {
            smooth.add(new PermitLog.Rule(k, (k - LIMIT - 1) * window / LIMIT - slack));
        }
        return new EnumMap<>(Map.of(
                RateLimitType.ROLLING, new PermitLog(List.of(new PermitLog.Rule(LIMIT + 1, window - slack)), window - slack),
                RateLimitType.FIXED, new PermitLog(List.of(new PermitLog.Rule(2 * LIMIT + 1, window - slack)),
                        window - slack),
                RateLimitType.SMOOTH, new PermitLog(smooth, window - slack)));
    }

    private static void limited(Downstream downstream, RateLimitType type) {
        try {
            switch (type) {
                case ROLLING -> downstream.rolling();
                case FIXED -> downstream.fixed();
                default -> downstream.smooth();
            }
        } catch (RateLimitException refused) {
            REFUSED.get(type).incrementAndGet();
        }
    }

    /** Asks the limiters faster than they allow, so that every window is fought over. */
    private static void hammer(Downstream downstream, long end, AtomicLong calls) {
        RateLimitType[] types = RateLimitType.values();
        for (long n = 0; System.nanoTime() < end; n++) {
            limited(downstream, types[(int) (n % types.length)]);
            calls.incrementAndGet();
            if (n % 64 == 0 && !sleep(1)) {
                return;
            }
        }
    }

    /** Bursts of more asynchronous calls than the pool has threads; every one must end. */
    private static void flood(Downstream downstream, long end, AtomicLong calls) {
        while (System.nanoTime() < end) {
            List<CompletableFuture<String>> burst = new ArrayList<>();
            try {
                for (int i = 0; i < FLOOD; i++) {
                    burst.add(downstream.flood(fault() == 0 ? 0 : 2).toCompletableFuture());
                }
                calls.addAndGet(FLOOD);
                for (CompletableFuture<String> call : burst) {
                    try {
                        call.get(5, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException timedOutOrFailed) {
                        // an end too
                    }
                }
                Thread.sleep(200);
            } catch (java.util.concurrent.TimeoutException hung) {
                throw new AssertionError("a call of a saturated pool did not end within 5 s", hung);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void drive(Downstream downstream, CircuitBreakerMaintenance breakers, long end, AtomicLong calls,
            List<CompletableFuture<String>> pending) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            calls.incrementAndGet();
            int roll = random.nextInt(100);
            try {
                if (roll < 40) {
                    downstream.sync(fault());
                } else if (roll < 80) {
                    CompletableFuture<String> call = downstream.async(fault()).toCompletableFuture();
                    if (random.nextInt(10) == 0) {
                        call.cancel(true);
                    } else if (random.nextBoolean()) {
                        pending.add(call);
                    } else {
                        call.get(5, TimeUnit.SECONDS);
                    }
                } else if (roll < 88) {
                    if (random.nextBoolean()) {
                        PROGRAMMATIC_SYNC.get(() -> programmatic(fault()));
                    } else {
                        int fault = fault();
                        CompletableFuture<String> call = PROGRAMMATIC_ASYNC.call(() -> fault == 3
                                ? new CompletableFuture<>()
                                : CompletableFuture.completedFuture(programmatic(fault))).toCompletableFuture();
                        pending.add(call);
                    }
                } else if (roll < 99) {
                    limited(downstream, RateLimitType.values()[random.nextInt(3)]);
                } else {
                    String name = random.nextBoolean() ? SYNC : ASYNC;
                    switch (random.nextInt(3)) {
                        case 0 -> breakers.forceOpen(name);
                        case 1 -> breakers.forceClosed(name);
                        default -> breakers.reset(name);
                    }
                }
            } catch (org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException
                    | java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException expected) {
                // refused, open, full, timed out, cancelled: the faults we asked for
            } catch (java.util.concurrent.TimeoutException hung) {
                throw new AssertionError("an asynchronous call did not end within 5 s", hung);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pending.size() > 10_000) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }
    }
}
