package dev.bulwark.impl.circuitbreaker;

import dev.bulwark.api.RateLimitException;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.metrics.MetricsRecorder.CircuitBreakerResult;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.Passage;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The circuit breaker as a gate: the breaker's permit is the phase that admitted the attempt, its mark the start
 * time the slow-call rule needs. An attempt that never reached the downstream is not an outcome: given up before it
 * started, its trial slot goes back; refused by the rate limit inside, it counts only as failOn says.
 */
public final class BreakerGate extends Gate {

    private final CircuitBreaker breaker;
    private final MetricsRecorder metrics;
    private final String name;

    public BreakerGate(CircuitBreaker breaker, MetricsRecorder metrics, String name) {
        this.breaker = breaker;
        this.metrics = metrics;
        this.name = name;
    }

    @Override
    public Object enter() {
        Object permit = breaker.tryAcquire();
        if (permit == null) {
            metrics.circuitBreakerCall(CircuitBreakerResult.CIRCUIT_BREAKER_OPEN);
            throw new CircuitBreakerOpenException(name);
        }
        return permit;
    }

    @Override
    public long mark() {
        return breaker.startTime();
    }

    @Override
    public Throwable exit(Object permit, long started, Throwable failure, Passage passage) {
        if (passage == Passage.NOT_STARTED) {
            breaker.release(permit);
            return failure;
        }
        if (passage == Passage.REFUSED && failure instanceof RateLimitException refusal) {
            if (breaker.onRateLimited(permit, refusal)) {
                metrics.circuitBreakerCall(CircuitBreakerResult.FAILURE);
            }
            return failure;
        }
        if (failure == null) {
            boolean slow = breaker.onSuccess(permit, started);
            metrics.circuitBreakerCall(slow ? CircuitBreakerResult.SLOW_CALL : CircuitBreakerResult.SUCCESS);
            return null;
        }
        boolean failed = breaker.onOutcome(permit, failure, started);
        metrics.circuitBreakerCall(failed ? CircuitBreakerResult.FAILURE : CircuitBreakerResult.SUCCESS);
        return failure;
    }
}
