package dev.bulwark.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * An open breaker whose delay has passed, successThreshold 1: two callers race for the trial; exactly one is
 * admitted (Resilience4j issue 1432: too many trial calls under concurrency).
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the first admitted")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the second admitted")
@Outcome(expect = FORBIDDEN, desc = "more or fewer than one trial call")
@State
public class HalfOpenAdmitsOneTrial {

    private final CircuitBreaker breaker;

    public HalfOpenAdmitsOneTrial() {
        breaker = new CircuitBreaker(CircuitBreakerSpec.of(1, 1.0, 0, 1, ExceptionMatcher.all()), "stress", () -> 0L);
        breaker.onFailure(breaker.tryAcquire()); // open, with a delay of 0: the next call may be the trial
    }

    @Actor
    public void one(II_Result r) {
        r.r1 = breaker.tryAcquire() != null ? 1 : 0;
    }

    @Actor
    public void two(II_Result r) {
        r.r2 = breaker.tryAcquire() != null ? 1 : 0;
    }
}
