package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimitType;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The store killed under load and started again: no call fails with a store error, the local limit holds meanwhile,
 * and sharing resumes without restarting the application.
 */
class StoreOutageTest {

    @Test
    void shouldFallBackToTheLocalLimitAndShareAgainWhenTheStoreIsBack() {
        try (RedisServer server = RedisServer.start();
                RedisStore one = RedisStore.create(server.url());
                RedisStore two = RedisStore.create(server.url())) {
            String name = "outage-" + UUID.randomUUID();
            // SMOOTH: a bucket of 5, full at the start, locally as in the store, so no window edge can fall inside a
            // burst of tries; one permit comes back every 200 ms, far longer than the tries take.
            RateLimiterHandle a = smooth(one, name);
            RateLimiterHandle b = smooth(two, name);
            RateLimiterHandle probeOne = smooth(one, name + "-probe");
            RateLimiterHandle probeTwo = smooth(two, name + "-probe");
            assertEquals(5, take(a, 3) + take(b, 3), "shared: 5 together");
            assertTrue(one.available());

            server.stop();
            RedisServer.sleep(400); // the local buckets are full again (they were never used)
            long start = System.nanoTime();
            int localA = take(a, 8);
            int localB = take(b, 8);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(5, localA, "each replica enforces the limit alone");
            assertEquals(5, localB);
            assertFalse(one.available(), "the degraded state shows");
            assertTrue(tookMillis < 1500, "calls did not wait out a timeout each: " + tookMillis + " ms");

            server.restart();
            SharedRedisWait.until(() -> {
                probeOne.tryAcquire(1); // a call a second tries the store, and brings it back once it answers
                probeTwo.tryAcquire(1);
                return one.available() && two.available();
            }, 10_000, "both stores share again");
            assertEquals(5, take(a, 3) + take(b, 3), "shared again (the restarted server is empty): 5 together");
        }
    }

    @Test
    void shouldStartWithoutTheStoreAndShareOnceItAnswers() {
        int port = RedisServer.freePort();
        try (RedisStore store = RedisStore.builder("redis://127.0.0.1:" + port).build()) {
            assertFalse(store.available(), "nothing listens there yet");
            String name = "late-" + UUID.randomUUID();
            RateLimiterHandle a = RateLimiters.create(r -> r.limit(2, Duration.ofSeconds(10)).shared(store, name));
            assertTrue(a.tryAcquire(1));
            assertTrue(a.tryAcquire(1));
            assertFalse(a.tryAcquire(1), "the local limit applies meanwhile");
        }
    }

    private static RateLimiterHandle smooth(RedisStore store, String name) {
        return RateLimiters.create(r -> r.limit(5, Duration.ofSeconds(1)).type(RateLimitType.SMOOTH)
                .shared(store, name));
    }

    private static int take(RateLimiterHandle limiter, int tries) {
        int granted = 0;
        for (int i = 0; i < tries; i++) {
            granted += limiter.tryAcquire(1) ? 1 : 0;
        }
        return granted;
    }
}
