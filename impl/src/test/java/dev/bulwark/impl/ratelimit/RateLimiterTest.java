package dev.bulwark.impl.ratelimit;

import static dev.bulwark.api.RateLimitType.FIXED;
import static dev.bulwark.api.RateLimitType.ROLLING;
import static dev.bulwark.api.RateLimitType.SMOOTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimitType;
import dev.bulwark.testing.VirtualTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The three limiters driven by hand in virtual time: the primitive alone, no driver. */
class RateLimiterTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final VirtualTime time = new VirtualTime();

    private RateLimiter limiter(RateLimitSpec spec) {
        return RateLimiter.of(spec, time);
    }

    private static void assertPermits(RateLimiter limiter, int count) {
        for (int i = 0; i < count; i++) {
            assertEquals(0, limiter.tryAcquire(), "permit " + (i + 1) + " of " + count);
        }
    }

    // ---- FIXED

    @Test
    void shouldAllowValuePermitsPerFixedWindow() {
        RateLimiter limiter = limiter(RateLimitSpec.of(FIXED, 3, SECOND));
        assertPermits(limiter, 3);
        assertEquals(SECOND, limiter.tryAcquire(), "the next window starts in one second");
        time.advance(SECOND - 1);
        assertEquals(1, limiter.tryAcquire(), "one nanosecond before the edge the window is still spent");
        time.advance(1);
        assertPermits(limiter, 3);
        assertEquals(SECOND, limiter.tryAcquire());
    }

    @Test
    void shouldAllowTwiceTheLimitAcrossAFixedWindowEdge() {
        RateLimiter limiter = limiter(RateLimitSpec.of(FIXED, 3, SECOND));
        time.advance(SECOND - 1);
        assertPermits(limiter, 3);
        time.advance(1);
        assertPermits(limiter, 3);
    }

    @Test
    void shouldStartFreshAfterIdleFixedWindows() {
        RateLimiter limiter = limiter(RateLimitSpec.of(FIXED, 2, SECOND));
        assertPermits(limiter, 2);
        time.advance(10 * SECOND + 500 * MS);
        assertPermits(limiter, 2);
        assertEquals(500 * MS, limiter.tryAcquire(), "windows stay aligned to the limiter's start");
    }

    @Test
    void shouldGrantWeightedRequestsOnlyWhenTheyFitTheFixedWindow() {
        RateLimiter limiter = limiter(RateLimitSpec.of(FIXED, 5, SECOND));
        assertEquals(0, limiter.tryAcquire(3));
        assertEquals(SECOND, limiter.tryAcquire(3), "3 more do not fit in the 2 left");
        assertEquals(0, limiter.tryAcquire(2), "the refused request took nothing");
        assertEquals(SECOND, limiter.tryAcquire(1));
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(6));
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(0));
    }

    // ---- ROLLING

    @Test
    void shouldAllowValuePermitsInAnyRollingInterval() {
        RateLimiter limiter = limiter(RateLimitSpec.of(ROLLING, 3, SECOND));
        assertPermits(limiter, 1);
        time.advance(100 * MS);
        assertPermits(limiter, 1);
        time.advance(100 * MS);
        assertPermits(limiter, 1);
        time.advance(799 * MS);
        assertEquals(MS, limiter.tryAcquire(), "the permit at 0 leaves the interval at 1000 ms");
        time.advance(MS);
        assertPermits(limiter, 1);
        assertEquals(100 * MS, limiter.tryAcquire(), "next to leave is the permit at 100 ms");
    }

    @Test
    void shouldNotAllowABurstAcrossAnEdgeWhenRolling() {
        RateLimiter limiter = limiter(RateLimitSpec.of(ROLLING, 3, SECOND));
        time.advance(SECOND - 1);
        assertPermits(limiter, 3);
        time.advance(1);
        assertEquals(SECOND - 1, limiter.tryAcquire(), "unlike FIXED, the new second brings nothing");
        time.advance(SECOND - 2);
        assertEquals(1, limiter.tryAcquire());
        time.advance(1);
        assertPermits(limiter, 3);
    }

    @Test
    void shouldGrantWeightedRequestsWhenEnoughOldPermitsLeftTheRollingInterval() {
        RateLimiter limiter = limiter(RateLimitSpec.of(ROLLING, 4, SECOND));
        assertEquals(0, limiter.tryAcquire(2));
        time.advance(300 * MS);
        assertEquals(0, limiter.tryAcquire(2));
        assertEquals(700 * MS, limiter.tryAcquire(1));
        time.advance(700 * MS);
        assertEquals(300 * MS, limiter.tryAcquire(3), "the third-oldest permit is from 300 ms");
        assertEquals(0, limiter.tryAcquire(2), "the refused request took nothing");
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(5));
    }

    // ---- SMOOTH

    @Test
    void shouldStartWithAFullBucketAndRefillOneIntervalAtATime() {
        RateLimiter limiter = limiter(RateLimitSpec.of(SMOOTH, 10, SECOND));
        assertPermits(limiter, 10);
        assertEquals(100 * MS, limiter.tryAcquire());
        time.advance(100 * MS - 1);
        assertEquals(1, limiter.tryAcquire());
        time.advance(1);
        assertPermits(limiter, 1);
        assertEquals(100 * MS, limiter.tryAcquire());
        time.advance(350 * MS);
        assertPermits(limiter, 3);
        assertEquals(50 * MS, limiter.tryAcquire(), "half an interval was already refilled");
    }

    @Test
    void shouldCapTheSmoothBucketAtBurst() {
        RateLimiter limiter = limiter(RateLimitSpec.of(SMOOTH, 10, SECOND).withBurst(2));
        assertPermits(limiter, 2);
        assertEquals(100 * MS, limiter.tryAcquire());
        time.advance(10 * SECOND);
        assertPermits(limiter, 2);
        assertEquals(100 * MS, limiter.tryAcquire(), "a long quiet period fills the bucket to 2, not more");
        assertEquals(2, limiter.spec().capacity());
    }

    @Test
    void shouldAllowABurstLargerThanValue() {
        RateLimiter limiter = limiter(RateLimitSpec.of(SMOOTH, 2, SECOND).withBurst(5));
        assertPermits(limiter, 5);
        assertEquals(500 * MS, limiter.tryAcquire());
    }

    @Test
    void shouldRoundTheSmoothIntervalUpSoTheRateIsNeverExceeded() {
        RateLimiter limiter = limiter(RateLimitSpec.of(SMOOTH, 3, SECOND).withBurst(1));
        assertPermits(limiter, 1);
        assertEquals(333_333_334, limiter.tryAcquire());
    }

    @Test
    void shouldGrantWeightedSmoothRequestsWhenEnoughHasRefilled() {
        RateLimiter limiter = limiter(RateLimitSpec.of(SMOOTH, 10, SECOND).withBurst(5));
        assertEquals(0, limiter.tryAcquire(5));
        assertEquals(200 * MS, limiter.tryAcquire(2));
        time.advance(100 * MS);
        assertEquals(100 * MS, limiter.tryAcquire(2), "the refused request took nothing");
        assertEquals(0, limiter.tryAcquire(1));
        assertThrows(IllegalArgumentException.class, () -> limiter.tryAcquire(6));
    }

    // ---- every type

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void shouldNotConsumeAnythingWhenRejecting(RateLimitType type) {
        RateLimiter limiter = limiter(RateLimitSpec.of(type, 5, SECOND));
        assertPermits(limiter, 5);
        for (int i = 0; i < 1000; i++) { // within the first 100 ms, before any type frees a permit
            assertTrue(limiter.tryAcquire() > 0);
            time.advance(MS / 10);
        }
        time.advance(SECOND - 100 * MS);
        assertPermits(limiter, 5);
        assertTrue(limiter.tryAcquire() > 0);
    }

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void shouldKeepMinSpacingBetweenPermits(RateLimitType type) {
        RateLimiter limiter = limiter(RateLimitSpec.of(type, 100, SECOND).withMinSpacing(10 * MS));
        assertPermits(limiter, 1);
        assertEquals(10 * MS, limiter.tryAcquire());
        time.advance(10 * MS - 1);
        assertEquals(1, limiter.tryAcquire());
        time.advance(1);
        assertPermits(limiter, 1);
        assertEquals(10 * MS, limiter.tryAcquire(), "a refused request does not move the last permit");
    }

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void shouldReportTheLongerOfSpacingAndRateWaits(RateLimitType type) {
        RateLimiter limiter = limiter(RateLimitSpec.of(type, 2, SECOND).withMinSpacing(300 * MS));
        assertPermits(limiter, 1);
        time.advance(300 * MS);
        assertPermits(limiter, 1);
        // FIXED and ROLLING: the permit at 0 frees up at 1000 ms. SMOOTH refills one per 500 ms, so the rate alone
        // would allow one at 500 ms; the 300 ms spacing from the permit at 300 ms is the longer wait there.
        long expected = type == SMOOTH ? 300 * MS : 700 * MS;
        assertEquals(expected, limiter.tryAcquire(), type + ": the longer of the two waits");
        time.advance(expected - 1);
        assertTrue(limiter.tryAcquire() > 0);
        time.advance(1);
        assertPermits(limiter, 1);
    }

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void shouldGrantARequestExactlyWhenTheReportedWaitHasPassed(RateLimitType type) {
        RateLimiter limiter = limiter(RateLimitSpec.of(type, 7, 700 * MS).withMinSpacing(type == FIXED ? 0 : 3 * MS));
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            long wait = limiter.tryAcquire();
            if (wait == 0) {
                time.advance(random.nextInt(50) * MS);
                continue;
            }
            time.advance(wait - 1);
            assertTrue(limiter.tryAcquire() > 0, "round " + round + ": not yet, 1 ns before the reported wait");
            time.advance(1);
            assertEquals(0, limiter.tryAcquire(), "round " + round + ": granted once the reported wait passed");
        }
    }

    // ---- spec

    @Test
    void shouldNameTheSettingAndValueWhenInvalid() {
        assertMessage("value must be >= 1, was 0", () -> RateLimitSpec.of(FIXED, 0, SECOND));
        assertMessage("window must be >= 1, was 0", () -> RateLimitSpec.of(FIXED, 1, 0));
        assertMessage("minSpacing must be >= 0, was -1", () -> RateLimitSpec.of(FIXED, 1, SECOND).withMinSpacing(-1));
        assertMessage("maxWait must be >= 0, was -5", () -> RateLimitSpec.of(FIXED, 1, SECOND).withMaxWait(-5));
        assertMessage("burst must be >= 0, was -1", () -> RateLimitSpec.of(SMOOTH, 1, SECOND).withBurst(-1));
        assertMessage("burst must be 0 unless type is SMOOTH (type is FIXED), was 3",
                () -> RateLimitSpec.of(FIXED, 1, SECOND).withBurst(3));
        assertMessage("value must be at most one permit per nanosecond of the window (10 ns), was 11",
                () -> RateLimitSpec.of(FIXED, 11, 10));
        assertMessage("type must not be null", () -> new RateLimitSpec(1, 1, 0, null, 0, 0));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable invalid) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, invalid).getMessage());
    }
}
