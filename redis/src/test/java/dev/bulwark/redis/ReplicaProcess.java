package dev.bulwark.redis;

import dev.bulwark.api.Guard;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * One replica of {@link MultiProcessTest}, in a JVM of its own: the programmatic API against a shared store, as an
 * application would use it. Prints its findings on stdout for the test to read.
 *
 * <pre>
 * limit   url name type permits windowMillis threads     then on stdin: startEpochMillis endEpochMillis
 * breaker url name role                                  then on stdin: startEpochMillis openEpochMillis endEpochMillis
 *                                                        (role: opener | follower)
 * </pre>
 * Each connects and warms up first, then says it is ready and waits for its schedule ({@link ReplicaProcesses}).
 */
public final class ReplicaProcess {

    public static void main(String[] args) throws Exception {
        // What these replicas check is that the limit is shared exactly, not how a slow store is survived: a command
        // held up past the 50 ms default by a loaded 2-core machine (three JVMs and the server on it) would make the
        // replica decide locally for a second, which is right in production and a false failure here.
        try (RedisStore store = RedisStore.builder(args[1]).commandTimeout(Duration.ofSeconds(2)).build()) {
            if (args[0].equals("limit")) {
                limit(store, args);
            } else {
                breaker(store, args);
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private static void limit(RedisStore store, String[] args) throws Exception {
        RateLimitType type = RateLimitType.valueOf(args[3]);
        int permits = Integer.parseInt(args[4]);
        Duration window = Duration.ofMillis(Long.parseLong(args[5]));
        int threads = Integer.parseInt(args[6]);
        RateLimiterHandle limiter = RateLimiters.create(r -> r.limit(permits, window).type(type)
                .shared(store, args[2]));
        RateLimiterHandle warmUp = RateLimiters.create(r -> r.limit(1_000_000, Duration.ofSeconds(1))
                .shared(store, args[2] + "-warm-up"));
        for (int i = 0; i < 2_000; i++) {
            warmUp.tryAcquire(1);
        }
        long[] schedule = ReplicaProcesses.awaitSchedule();
        long start = schedule[0];
        long end = schedule[1];
        AtomicInteger granted = new AtomicInteger();
        AtomicLong tries = new AtomicLong();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                sleepUntil(start);
                while (System.currentTimeMillis() < end) {
                    tries.incrementAndGet();
                    if (limiter.tryAcquire(1)) {
                        granted.incrementAndGet();
                    }
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("GRANTED " + granted.get() + " TRIES " + tries.get() + " SHARED " + store.available());
    }

    private static void breaker(RedisStore store, String[] args) throws Exception {
        boolean opener = args[3].equals("opener");
        Guard<String> guard = Guard.<String>builder()
                .withCircuitBreaker(cb -> cb.consecutiveFailures(2).delay(Duration.ofSeconds(60)).shared(store, args[2]))
                .build();
        Guard<String> warmUp = Guard.<String>builder()
                .withCircuitBreaker(cb -> cb.consecutiveFailures(2).shared(store, args[2] + "-warm-up"))
                .build();
        for (int i = 0; i < 200; i++) {
            warmUp.call(() -> "ok");
        }
        long[] schedule = ReplicaProcesses.awaitSchedule();
        long start = schedule[0];
        long openAt = schedule[1];
        long end = schedule[2];
        AtomicInteger callsAfterRejection = new AtomicInteger();
        long firstRejection = 0;
        sleepUntil(start);
        while (System.currentTimeMillis() < end) {
            boolean fail = opener && System.currentTimeMillis() >= openAt;
            boolean rejectedBefore = firstRejection != 0;
            try {
                guard.call(() -> {
                    if (rejectedBefore) {
                        callsAfterRejection.incrementAndGet();
                    }
                    if (fail) {
                        throw new IllegalStateException("down");
                    }
                    return "ok";
                });
            } catch (CircuitBreakerOpenException open) {
                if (firstRejection == 0) {
                    firstRejection = System.currentTimeMillis();
                }
            } catch (IllegalStateException expected) {
                // the opener's failing calls
            }
            Thread.sleep(1);
        }
        System.out.println("REJECTED " + firstRejection + " CALLS_AFTER " + callsAfterRejection.get());
    }

    private static void sleepUntil(long epochMillis) {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
