package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two stores on one server stand for two replicas: together they get the limit once, for each type. Real time, with
 * windows long enough that a test thread's scheduling cannot cross one by accident.
 */
class SharedRateLimitTest {

    @RegisterExtension
    static final RedisReplicas redis = new RedisReplicas(2);

    private static String name() {
        return "limit-" + UUID.randomUUID();
    }

    /** Waits until the epoch-aligned window of {@code millis} has just begun, so a test stays inside one. */
    static void startOfWindow(long millis) {
        while (System.currentTimeMillis() % millis > 5 || System.currentTimeMillis() % millis < 1) {
            RedisServer.sleep(1);
        }
    }

    @Test
    void shouldShareAFixedWindowBetweenReplicas() {
        String name = name();
        RateLimiterHandle a = RateLimiters.create(r -> r.limit(10, Duration.ofSeconds(1)).shared(redis.store(0), name));
        RateLimiterHandle b = RateLimiters.create(r -> r.limit(10, Duration.ofSeconds(1)).shared(redis.store(1), name));
        startOfWindow(1000);
        int granted = 0;
        for (int i = 0; i < 10; i++) {
            granted += (i % 2 == 0 ? a : b).tryAcquire(1) ? 1 : 0;
        }
        assertEquals(10, granted);
        assertFalse(a.tryAcquire(1), "the 11th permit of the window, on either replica");
        assertFalse(b.tryAcquire(1));
        RateLimitException refused = assertThrows(RateLimitException.class, () -> a.acquire(1));
        assertTrue(refused.retryAfter().toMillis() <= 1000 && !refused.retryAfter().isZero(), refused::getMessage);
    }

    @Test
    void shouldTakeNoPermitForARefusedCall() {
        String name = name();
        RateLimiterHandle a = RateLimiters.create(r -> r.limit(3, Duration.ofSeconds(1)).shared(redis.store(0), name));
        startOfWindow(1000);
        assertTrue(a.tryAcquire(2));
        assertFalse(a.tryAcquire(2), "2 more would exceed 3");
        assertTrue(a.tryAcquire(1), "the refused request took nothing: one is left");
    }

    @Test
    void shouldShareARollingWindowExactly() {
        String name = name();
        RateLimiterHandle a = RateLimiters.create(r -> r.limit(4, Duration.ofMillis(600)).type(RateLimitType.ROLLING)
                .shared(redis.store(0), name));
        RateLimiterHandle b = RateLimiters.create(r -> r.limit(4, Duration.ofMillis(600)).type(RateLimitType.ROLLING)
                .shared(redis.store(1), name));
        assertTrue(a.tryAcquire(1));
        assertTrue(b.tryAcquire(1));
        RedisServer.sleep(300);
        assertTrue(a.tryAcquire(1));
        assertTrue(b.tryAcquire(1));
        assertFalse(a.tryAcquire(1), "4 in the last 600 ms");
        long refusedAt = System.nanoTime();
        RateLimitException refused = assertThrows(RateLimitException.class, () -> b.acquire(1));
        long wait = refused.retryAfter().toMillis();
        assertTrue(wait > 100 && wait <= 300, "until the first two leave the window: " + wait + " ms");
        RedisServer.sleep(Math.max(0, wait - (System.nanoTime() - refusedAt) / 1_000_000) + 20);
        assertTrue(b.tryAcquire(2), "the first two left the window");
        assertFalse(a.tryAcquire(1));
    }

    @Test
    void shouldShareASmoothBucketWithItsBurst() {
        String name = name();
        RateLimiterHandle a = RateLimiters.create(r -> r.limit(10, Duration.ofSeconds(1)).type(RateLimitType.SMOOTH)
                .burst(3).shared(redis.store(0), name));
        RateLimiterHandle b = RateLimiters.create(r -> r.limit(10, Duration.ofSeconds(1)).type(RateLimitType.SMOOTH)
                .burst(3).shared(redis.store(1), name));
        assertTrue(a.tryAcquire(2));
        assertTrue(b.tryAcquire(1));
        assertFalse(a.tryAcquire(1), "the burst of 3 is spent, across replicas");
        RateLimitException refused = assertThrows(RateLimitException.class, () -> b.acquire(1));
        assertTrue(refused.retryAfter().toMillis() <= 100, "one permit refills per 100 ms: " + refused.retryAfter());
        RedisServer.sleep(120);
        assertTrue(b.tryAcquire(1));
        assertFalse(a.tryAcquire(1));
    }

    @Test
    void shouldKeepTheMinimumSpacingAcrossReplicas() {
        String name = name();
        RateLimiterHandle a = RateLimiters.create(r -> r.limit(100, Duration.ofSeconds(1))
                .minSpacing(Duration.ofMillis(200)).shared(redis.store(0), name));
        RateLimiterHandle b = RateLimiters.create(r -> r.limit(100, Duration.ofSeconds(1))
                .minSpacing(Duration.ofMillis(200)).shared(redis.store(1), name));
        assertTrue(a.tryAcquire(1));
        assertFalse(b.tryAcquire(1), "within 200 ms of the other replica's permit");
        RedisServer.sleep(220);
        assertTrue(b.tryAcquire(1));
    }

    @Test
    void shouldWaitForASharedPermitUpToMaxWait() {
        String name = name();
        RateLimiterHandle a = RateLimiters.create(r -> r.limit(1, Duration.ofMillis(300)).type(RateLimitType.ROLLING)
                .maxWait(Duration.ofSeconds(1)).shared(redis.store(0), name));
        RateLimiterHandle b = RateLimiters.create(r -> r.limit(1, Duration.ofMillis(300)).type(RateLimitType.ROLLING)
                .maxWait(Duration.ofSeconds(1)).shared(redis.store(1), name));
        a.acquire(1);
        long start = System.nanoTime();
        b.acquire(1);
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waited >= 250, "waited for the other replica's permit to leave the window: " + waited + " ms");
    }

    @Test
    void shouldKeepOneSmallHashPerFixedLimitAndExpireIt() {
        String name = name();
        RateLimiterHandle a = RateLimiters.create(r -> r.limit(1000, Duration.ofMillis(100)).shared(redis.store(0), name));
        for (int i = 0; i < 50; i++) {
            a.tryAcquire(1);
        }
        String key = RedisStore.DEFAULT_KEY_PREFIX + "rl:{" + name + "}";
        assertTrue(redis.server().command("HLEN " + key).startsWith(":3"), "w, n, l: O(1) whatever the traffic");
        String ttl = redis.server().command("PTTL " + key);
        long millis = Long.parseLong(ttl.substring(1, ttl.indexOf('\r')));
        assertTrue(millis > 0 && millis <= 1100, "expires when idle: " + ttl);
    }
}
