package dev.bulwark.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/** An operator forces the breaker open while a failure opens it: whatever the order, it ends FORCED_OPEN. */
@JCStressTest
@Outcome(id = "3", expect = ACCEPTABLE, desc = "FORCED_OPEN")
@Outcome(expect = FORBIDDEN, desc = "the concurrent opening overwrote the operator's force")
@State
public class ForceBeatsOpening {

    private final CircuitBreaker breaker = new CircuitBreaker(
            CircuitBreakerSpec.of(1, 1.0, Long.MAX_VALUE / 4, 1, ExceptionMatcher.all()), "stress", () -> 0L);

    @Actor
    public void failure() {
        Object permit = breaker.tryAcquire();
        if (permit != null) {
            breaker.onFailure(permit);
        }
    }

    @Actor
    public void operator() {
        breaker.forceOpen();
    }

    @Arbiter
    public void check(I_Result r) {
        r.r1 = breaker.state().ordinal();
    }
}
