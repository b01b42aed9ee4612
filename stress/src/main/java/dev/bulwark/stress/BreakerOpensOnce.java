package dev.bulwark.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/** Two failures race into a window of two that opens at 100 %: the breaker opens exactly once, and stays open. */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "opened once, open")
@Outcome(expect = FORBIDDEN, desc = "a lost failure kept it closed, or it opened twice")
@State
public class BreakerOpensOnce {

    private final CircuitBreaker breaker = new CircuitBreaker(
            CircuitBreakerSpec.of(2, 1.0, Long.MAX_VALUE / 4, 1, ExceptionMatcher.all()), "stress", () -> 0L);

    @Actor
    public void one() {
        Object permit = breaker.tryAcquire();
        if (permit != null) {
            breaker.onFailure(permit);
        }
    }

    @Actor
    public void two() {
        Object permit = breaker.tryAcquire();
        if (permit != null) {
            breaker.onFailure(permit);
        }
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = (int) breaker.timesOpened();
        r.r2 = breaker.state() == dev.bulwark.api.CircuitState.OPEN ? 1 : 0;
    }
}
