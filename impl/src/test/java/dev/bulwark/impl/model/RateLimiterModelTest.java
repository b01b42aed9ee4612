package dev.bulwark.impl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bulwark.api.RateLimitType;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.ratelimit.RateLimiter;
import dev.bulwark.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Random permit requests (of random weights) and clock moves give each rate limiter the answers of a reference model
 * of its rule, written here the plain way: a count per window, a list of permit times, a bucket of credit.
 */
class RateLimiterModelTest {

    /** A request for {@code permits} permits after moving the clock by {@code advance} nanoseconds. */
    record Request(long advance, int permits) {
    }

    @Provide
    Arbitrary<List<Request>> requests() {
        return net.jqwik.api.Combinators.combine(
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                        net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(1, 400))),
                Arbitraries.integers().between(1, 3)).as(Request::new).list().ofMaxSize(80);
    }

    @Property(tries = 300)
    void fixedWindowsGrantWhatTheirCountAllows(@ForAll @IntRange(min = 3, max = 6) int value,
            @ForAll @LongRange(min = 50, max = 500) long window, @ForAll("requests") List<Request> requests) {
        VirtualTime time = new VirtualTime();
        time.advance(7); // windows start when the limiter is made, not at 0
        RateLimiter limiter = RateLimiter.of(RateLimitSpec.of(RateLimitType.FIXED, value, window), time);
        long origin = time.nanoTime();
        long currentWindow = 0;
        int used = 0;
        for (Request r : requests) {
            time.advance(r.advance());
            long w = Math.floorDiv(time.nanoTime() - origin, window);
            if (w != currentWindow) {
                currentWindow = w;
                used = 0;
            }
            boolean expected = used + r.permits() <= value;
            if (expected) {
                used += r.permits();
            }
            assertEquals(expected, limiter.tryAcquire(r.permits()) == 0, r + " in " + requests);
        }
    }

    @Property(tries = 300)
    void rollingWindowsGrantWhatTheLastWindowAllows(@ForAll @IntRange(min = 3, max = 6) int value,
            @ForAll @LongRange(min = 50, max = 500) long window, @ForAll("requests") List<Request> requests) {
        VirtualTime time = new VirtualTime();
        RateLimiter limiter = RateLimiter.of(RateLimitSpec.of(RateLimitType.ROLLING, value, window), time);
        List<Long> permits = new ArrayList<>();
        for (Request r : requests) {
            time.advance(r.advance());
            long now = time.nanoTime();
            long inWindow = permits.stream().filter(t -> now - t < window).count();
            boolean expected = inWindow + r.permits() <= value;
            if (expected) {
                for (int i = 0; i < r.permits(); i++) {
                    permits.add(now);
                }
            }
            assertEquals(expected, limiter.tryAcquire(r.permits()) == 0, r + " in " + requests);
        }
    }

    @Property(tries = 300)
    void smoothBucketsGrantWhatTheirCreditAllows(@ForAll @IntRange(min = 3, max = 6) int value,
            @ForAll @LongRange(min = 50, max = 500) long window, @ForAll @IntRange(min = 0, max = 4) int extraBurst,
            @ForAll("requests") List<Request> requests) {
        int burst = extraBurst == 0 ? 0 : value + extraBurst;
        VirtualTime time = new VirtualTime();
        RateLimiter limiter = RateLimiter.of(RateLimitSpec.of(RateLimitType.SMOOTH, value, window).withBurst(burst),
                time);
        long interval = (window + value - 1) / value; // one permit per interval, rounded so the rate is never exceeded
        int capacity = burst > 0 ? burst : value;
        long credit = capacity * interval; // full at the start, in nanoseconds of refill
        long last = time.nanoTime();
        for (Request r : requests) {
            time.advance(r.advance());
            long now = time.nanoTime();
            credit = Math.min(capacity * interval, credit + (now - last));
            last = now;
            if (r.permits() > capacity) {
                continue;
            }
            boolean expected = credit >= r.permits() * interval;
            if (expected) {
                credit -= r.permits() * interval;
            }
            assertEquals(expected, limiter.tryAcquire(r.permits()) == 0, r + " in " + requests);
        }
    }
}
