package dev.bulwark.impl.ratelimit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bulwark.api.RateLimitType;
import dev.bulwark.impl.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eight threads hammer one limiter while a coordinator moves a shared virtual clock through many windows
 * (1,500 windows, or one second of real time per case).
 * Every permit is logged with the clock reading the limiter decided on (a per-thread record of the last reading),
 * and the log is checked against the type's promise. Half the threads ask for 2 permits at a time.
 */
class RateLimiterConcurrencyTest {

    private static final int THREADS = 8;
    private static final int VALUE = 5;
    private static final long WINDOW = 1_000_000;
    private static final int WINDOWS = 1_500;
    private static final long WALL_LIMIT = TimeUnit.SECONDS.toNanos(1);

    static Stream<Arguments> cases() {
        return Stream.of(RateLimitType.values()).flatMap(type -> Stream.of(
                Arguments.of(type, 0L), // the lock-free path for FIXED and SMOOTH
                Arguments.of(type, WINDOW / 20))); // minimum spacing: the locked path
    }

    @ParameterizedTest(name = "{0}, minSpacing {1} ns")
    @MethodSource("cases")
    void shouldNeverExceedTheLimitUnderContention(RateLimitType type, long spacing) throws Exception {
        // Virtual time the coordinator moves; a volatile word rather than VirtualTime, whose monitor eight
        // spinning readers would keep from the coordinator.
        AtomicLong time = new AtomicLong();
        ThreadLocal<long[]> lastReading = ThreadLocal.withInitial(() -> new long[1]);
        Clock recording = () -> {
            long now = time.get();
            lastReading.get()[0] = now;
            return now;
        };
        RateLimiter limiter = RateLimiter.of(RateLimitSpec.of(type, VALUE, WINDOW).withMinSpacing(spacing), recording);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(THREADS);
        List<List<long[]>> logs = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            List<long[]> log = new ArrayList<>();
            logs.add(log);
            int permits = 1 + i % 2;
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    while (!stop.get()) {
                        if (limiter.tryAcquire(permits) == 0) {
                            log.add(new long[] {lastReading.get()[0], permits});
                        } else {
                            Thread.yield();
                        }
                    }
                } catch (Throwable t) {
                    crash.set(t);
                }
            }, "hammer-" + i);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        Random random = new Random(7);
        long wallStart = System.nanoTime();
        while (time.get() < WINDOWS * WINDOW && System.nanoTime() - wallStart < WALL_LIMIT) {
            time.addAndGet(1 + random.nextInt((int) (WINDOW / 3)));
            LockSupport.parkNanos(20_000);
        }
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(5_000);
        }
        if (crash.get() != null) {
            throw new AssertionError("a worker failed", crash.get());
        }

        List<long[]> calls = new ArrayList<>();
        logs.forEach(calls::addAll);
        calls.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] permits = calls.stream().flatMapToLong(c -> Arrays.stream(new long[(int) c[1]]).map(x -> c[0])).toArray();
        long windows = time.get() / WINDOW;
        System.out.printf("%s minSpacing=%d: %d permits in %d calls over %d windows%n", type, spacing, permits.length,
                calls.size(), windows);
        assertTrue(windows >= 100 && permits.length >= windows, "too little progress to mean anything: "
                + permits.length + " permits over " + windows + " windows");

        switch (type) {
            case FIXED -> checkFixed(permits);
            case ROLLING -> checkRolling(permits);
            default -> checkSmooth(permits);
        }
        for (int i = 1; i < calls.size(); i++) {
            long gap = calls.get(i)[0] - calls.get(i - 1)[0];
            if (gap < spacing) {
                fail("calls at " + calls.get(i - 1)[0] + " and " + calls.get(i)[0] + " are closer than " + spacing);
            }
        }
    }

    /** At most VALUE permits in each window [k * WINDOW, (k + 1) * WINDOW). */
    private static void checkFixed(long[] permits) {
        int inWindow = 0;
        long window = -1;
        for (long t : permits) {
            long w = Math.floorDiv(t, WINDOW);
            inWindow = w == window ? inWindow + 1 : 1;
            window = w;
            assertTrue(inWindow <= VALUE, "window " + w + " handed out more than " + VALUE);
        }
    }

    /** At most VALUE permits in any interval of length WINDOW: permit i and permit i + VALUE are a window apart. */
    private static void checkRolling(long[] permits) {
        for (int i = 0; i + VALUE < permits.length; i++) {
            long span = permits[i + VALUE] - permits[i];
            assertTrue(span >= WINDOW, VALUE + 1 + " permits within " + span + " ns, from " + permits[i]);
        }
    }

    /**
     * Token bucket of VALUE refilled one per WINDOW / VALUE: any k + 1 consecutive permits with k >= VALUE span at
     * least (k + 1 - VALUE) intervals, and overall no more than VALUE plus what refilled since the start.
     */
    private static void checkSmooth(long[] permits) {
        long interval = WINDOW / VALUE;
        for (int i = 0; i < permits.length; i++) {
            for (int k = VALUE; k < VALUE + 20 && i + k < permits.length; k++) {
                long span = permits[i + k] - permits[i];
                assertTrue(span >= (k + 1 - VALUE) * interval, k + 1 + " permits within " + span + " ns");
            }
        }
        long last = permits[permits.length - 1];
        assertTrue(permits.length <= VALUE + last / interval, "more than the bucket plus its refill overall");
    }
}
