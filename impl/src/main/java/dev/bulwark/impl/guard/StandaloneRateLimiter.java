package dev.bulwark.impl.guard;

import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.impl.ratelimit.PermitWait;
import dev.bulwark.impl.ratelimit.RateLimiter;
import dev.bulwark.impl.time.Clock;
import dev.bulwark.impl.time.Sleeper;
import java.time.Duration;

/** A {@link RateLimiterHandle} over the engine's limiter, waiting through the engine's sleeper. */
final class StandaloneRateLimiter implements RateLimiterHandle {

    private final RateLimiter limiter;
    private final Clock clock;
    private final Sleeper sleeper;

    StandaloneRateLimiter(RateLimiter limiter, Clock clock, Sleeper sleeper) {
        this.limiter = limiter;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public boolean tryAcquire(int permits) {
        return limiter.tryAcquire(permits) == 0;
    }

    @Override
    public void acquire(int permits) {
        long refusedFor;
        try {
            refusedFor = PermitWait.acquire(limiter, permits, clock, sleeper);
        } catch (PermitWait.Interrupted interrupted) {
            throw rejection(permits, interrupted.remainingNanos(), interrupted.getCause());
        }
        if (refusedFor != 0) {
            throw rejection(permits, refusedFor, null);
        }
    }

    private RateLimitException rejection(int permits, long wait, Throwable cause) {
        return new RateLimitException(permits + " permits not free within maxWait; free in "
                + Duration.ofNanos(wait), Duration.ofNanos(wait), cause);
    }
}
