package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wrong URLs, passwords and keys: a clear error when the store is created, or a logged local fallback; no hang. */
class BadInputTest {

    @Test
    void shouldRefuseAMalformedUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisStore.create("http://nope"));
        assertTrue(e.getMessage().contains("http://nope"), e.getMessage());
    }

    @Test
    void shouldRefuseAWrongPasswordWithoutShowingIt() {
        try (RedisServer server = RedisServer.start("s3cret")) {
            long start = System.nanoTime();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RedisStore.create("redis://wrong@127.0.0.1:" + server.port()));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong"), "the password stays out of the message: " + e.getMessage());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "no hang");
            try (RedisStore right = RedisStore.create("redis://s3cret@127.0.0.1:" + server.port())) {
                assertTrue(right.available());
            }
        }
    }

    @Test
    void shouldFallBackLocallyWhenOurKeyHoldsAnotherType() {
        try (RedisServer server = RedisServer.start(); RedisStore store = RedisStore.create(server.url())) {
            server.command("SET " + RedisStore.DEFAULT_KEY_PREFIX + "rl:{taken} not-a-hash");
            RateLimiterHandle limiter = RateLimiters.create(r -> r.limit(2, Duration.ofSeconds(10))
                    .shared(store, "taken"));
            assertTrue(limiter.tryAcquire(1));
            assertTrue(limiter.tryAcquire(1));
            assertFalse(limiter.tryAcquire(1), "the local limit holds");
            assertTrue(store.available(), "one bad key does not take the store out of use for the others");
        }
    }

    @Test
    void shouldRefuseAStoreOfAnotherKindAndASharedNameWithoutAStore() {
        IllegalArgumentException noStore = assertThrows(IllegalArgumentException.class,
                () -> RateLimiters.create(r -> r.shared("alone")));
        assertTrue(noStore.getMessage().contains("needs a store"), noStore.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RedisStore.builder("redis://127.0.0.1:1")
                .commandTimeout(Duration.ZERO));
    }

    @Test
    void shouldKeepANamesBracesOutOfItsClusterHashTag() {
        try (RedisStore store = RedisStore.create("redis://127.0.0.1:" + RedisServer.freePort())) {
            assertEquals("bulwark:rl:{partner}", store.key("rl", "partner"));
            assertEquals("bulwark:rl:{a%7Bb%7D}", store.key("rl", "a{b}"), "only our braces make the hash tag");
            assertEquals("bulwark:rl:{a%257Bb%7D}", store.key("rl", "a%7Bb}"), "escaping is one-to-one");
            assertEquals("bulwark:cb:{%7D%7B}", store.key("cb", "}{"));
        }
    }

    @Test
    void shouldRefuseASharedWindowShorterThanAMillisecond() {
        try (RedisServer server = RedisServer.start(); RedisStore store = RedisStore.create(server.url())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateLimiters.create(
                    r -> r.limit(1, Duration.ofNanos(500_000)).shared(store, "tiny")));
            assertTrue(e.getMessage().contains("1 ms"), e.getMessage());
        }
    }
}
