package dev.bulwark.impl.ratelimit;

import static dev.bulwark.api.RateLimitType.FIXED;
import static dev.bulwark.api.RateLimitType.ROLLING;
import static dev.bulwark.api.RateLimitType.SMOOTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.impl.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The limiters on a clock whose readings are negative, as {@code System.nanoTime()} may be (only differences mean
 * anything): fixed windows still count from the limiter's creation. And how each limiter describes itself.
 */
class LimiterClockEdgesTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A clock that starts 5 s below zero and moves only when told. */
    private long now = -5 * SECOND;
    private final Clock clock = () -> now;

    @Test
    void shouldCountFixedWindowsFromTheCreationOnANegativeClock() {
        RateLimiter limiter = RateLimiter.of(RateLimitSpec.of(FIXED, 1, SECOND), clock);
        assertEquals(0, limiter.tryAcquire());
        now += 10 * SECOND + 500 * MS; // window 10 since the creation
        assertEquals(0, limiter.tryAcquire(), "a new window, whatever the sign of the readings");
        assertEquals(500 * MS, limiter.tryAcquire(), "until window 11");
    }

    @Test
    void shouldCountSpacedFixedWindowsFromTheCreationOnANegativeClock() {
        RateLimiter limiter = RateLimiter.of(RateLimitSpec.of(FIXED, 1, SECOND).withMinSpacing(10 * MS), clock);
        assertEquals(0, limiter.tryAcquire());
        now += 10 * SECOND + 500 * MS;
        assertEquals(0, limiter.tryAcquire());
        now += 20 * MS;
        assertEquals(480 * MS, limiter.tryAcquire(), "spaced, but the window is spent until window 11");
    }

    @Test
    void shouldStartANewFixedWindowAtItsFirstInstantAfterACallInTheLastOne() {
        RateLimiter limiter = RateLimiter.of(RateLimitSpec.of(FIXED, 1, SECOND), clock);
        now += 999 * MS;
        assertEquals(0, limiter.tryAcquire());
        now += MS; // exactly the start of window 1
        assertEquals(0, limiter.tryAcquire());
    }

    @Test
    void shouldDescribeEachLimiterByItsRule() {
        assertEquals("FixedWindowLimiter[3 per 1000000000 ns]",
                RateLimiter.of(RateLimitSpec.of(FIXED, 3, SECOND), clock).toString());
        assertEquals("RollingWindowLimiter[3 per 1000000000 ns]",
                RateLimiter.of(RateLimitSpec.of(ROLLING, 3, SECOND), clock).toString());
        String smooth = RateLimiter.of(RateLimitSpec.of(SMOOTH, 3, SECOND), clock).toString();
        assertEquals("SmoothLimiter[one per 333333334 ns, capacity 3]", smooth);
        assertTrue(smooth.contains("333333334"), "the interval is rounded up: never faster than the rule");
    }
}
