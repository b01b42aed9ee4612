package dev.bulwark.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bulwark.api.RateLimitType;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.ratelimit.RateLimiter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Each rate limiter type (FIXED, ROLLING, SMOOTH, and FIXED and SMOOTH with a minimum spacing, which decide under a
 * lock) with one permit left in its window, raced for by two callers on a clock that does not move: exactly one
 * caller gets each limiter's permit, and the refused take nothing. Each caller notes the limiters that granted it as a
 * bit mask; the arbiter reports the limiters whose permit went to more or fewer than one caller.
 */
@JCStressTest
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "every limiter granted its one permit exactly once")
@Outcome(expect = FORBIDDEN, desc = "the last field is the mask of limiters that overshot or lost their permit")
@State
public class RateLimitsNeverOvershoot {

    private static final long WINDOW = 1_000_000_000L;

    private final RateLimiter[] limiters = {
        limiter(RateLimitType.FIXED, 0),
        limiter(RateLimitType.ROLLING, 0),
        limiter(RateLimitType.SMOOTH, 0),
        limiter(RateLimitType.FIXED, 1_000_000L),
        limiter(RateLimitType.SMOOTH, 1_000_000L)};

    private static RateLimiter limiter(RateLimitType type, long spacing) {
        return RateLimiter.of(RateLimitSpec.of(type, 1, WINDOW).withMinSpacing(spacing), () -> 0L);
    }

    /** The limiters that granted this caller, as a bit mask. */
    private int take() {
        int granted = 0;
        for (int i = 0; i < limiters.length; i++) {
            if (limiters[i].tryAcquire() == 0) {
                granted |= 1 << i;
            }
        }
        return granted;
    }

    @Actor
    public void a(III_Result r) {
        r.r1 = take();
    }

    @Actor
    public void b(III_Result r) {
        r.r2 = take();
    }

    @Arbiter
    public void check(III_Result r) {
        int all = (1 << limiters.length) - 1;
        int twice = r.r1 & r.r2;
        int never = all & ~(r.r1 | r.r2);
        for (int i = 0; i < limiters.length; i++) {
            if (limiters[i].tryAcquire() == 0) {
                never |= 1 << i; // a refused caller took nothing, so nothing may be left either
            }
        }
        r.r1 = 0;
        r.r2 = 0;
        r.r3 = twice | never;
    }
}
