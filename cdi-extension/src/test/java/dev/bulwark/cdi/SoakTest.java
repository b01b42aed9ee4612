package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitBreakerName;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    /** When each rate-limited body ran (its permit was granted just before). */
    static final ConcurrentLinkedQueue<Long> PERMITS = new ConcurrentLinkedQueue<>();

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
        public void limited() {
            PERMITS.add(System.nanoTime());
        }
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

    @Test
    void shouldHoldUnderFaultsAndLeaveNothingBehind() throws Exception {
        long seconds = Long.getLong("bulwark.soak.seconds", 20);
        long baselineThreads = bulwarkThreads();
        PERMITS.clear();
        List<String> illegal = Collections.synchronizedList(new ArrayList<>());
        AtomicLong calls = new AtomicLong();
        List<CompletableFuture<String>> pending = Collections.synchronizedList(new ArrayList<>());
        long heapAtHalf = 0;
        try (Deployment d = Deployment.of(Downstream.class, MicrometerMetricsTest.Registry.class)) {
            Downstream downstream = d.bean(Downstream.class);
            CircuitBreakerMaintenance breakers = d.bean(CircuitBreakerMaintenance.class);
            Set<String> legalFrom = Set.of("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>OPEN", "HALF_OPEN>CLOSED");
            for (String name : List.of(SYNC, ASYNC)) {
                dev.bulwark.api.CircuitBreakers.get(name).onStateChange((breaker, from, to) -> {
                    boolean operator = to == CircuitState.FORCED_OPEN || to == CircuitState.FORCED_CLOSED
                            || to == CircuitState.CLOSED && from != CircuitState.HALF_OPEN;
                    if (!operator && !legalFrom.contains(from + ">" + to)) {
                        illegal.add(breaker + ": " + from + " -> " + to);
                    }
                });
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long half = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) / 2;
            List<Thread> drivers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                Thread driver = new Thread(() -> drive(downstream, breakers, end, calls, pending), "soak-" + t);
                drivers.add(driver);
                driver.start();
            }
            while (System.nanoTime() < half) {
                Thread.sleep(100);
            }
            heapAtHalf = usedHeapAfterGc();
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
            long heapAtEnd = usedHeapAfterGc();
            assertTrue(heapAtEnd < heapAtHalf + 64L * 1024 * 1024, "the heap grew with the calls: "
                    + heapAtHalf / 1024 + " KiB at half time, " + heapAtEnd / 1024 + " KiB at the end");

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
        assertTrue(illegal.isEmpty(), () -> "illegal breaker transitions: " + illegal);
        checkNoWindowOvershot();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (bulwarkThreads() > baselineThreads && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(baselineThreads, bulwarkThreads(), () -> "Bulwark threads outlived the container: "
                + Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .filter(n -> n.startsWith("bulwark-")).toList());
        assertTrue(calls.get() > 1000, "the soak made too few calls to mean much: " + calls.get());
        System.out.println("soak: " + calls.get() + " calls in " + seconds + " s, " + PERMITS.size()
                + " rate-limit permits, heap at half time " + heapAtHalf / 1024 / 1024 + " MiB");
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

    /** No window-long interval holds more than LIMIT permits (a quarter of the window allowed for recording). */
    private static void checkNoWindowOvershot() {
        List<Long> times = new ArrayList<>(PERMITS);
        Collections.sort(times);
        long window = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS) * 3 / 4;
        for (int i = 0; i + LIMIT < times.size(); i++) {
            long span = times.get(i + LIMIT) - times.get(i);
            int at = i;
            assertTrue(span >= window, () -> (LIMIT + 1) + " permits within " + span / 1_000_000 + " ms, from permit "
                    + at);
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
                } else if (roll < 99) {
                    downstream.limited();
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
