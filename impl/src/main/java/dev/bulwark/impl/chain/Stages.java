package dev.bulwark.impl.chain;

import dev.bulwark.impl.bulkhead.BulkheadGate;
import dev.bulwark.impl.bulkhead.QueueGate;
import dev.bulwark.impl.circuitbreaker.BreakerGate;
import dev.bulwark.impl.fallback.FallbackStage;
import dev.bulwark.impl.ratelimit.RateLimitGate;
import dev.bulwark.impl.retry.RetryStage;
import dev.bulwark.impl.stage.Around;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.timeout.TimeoutGate;
import java.util.ArrayList;
import java.util.List;

/**
 * An operation's stages in the MP FT order, outermost first: Fallback, Retry (around-stages), then CircuitBreaker,
 * RateLimit, Timeout, Bulkhead (gates). The one place that knows the order; the drivers only walk the arrays.
 */
final class Stages {

    private static final Gate[] NO_GATES = {};

    final Around[] arounds;
    final Gate[] gates;

    private Stages(Around[] arounds, Gate[] gates) {
        this.arounds = arounds;
        this.gates = gates;
    }

    static Stages of(Operation op) {
        OperationSpec spec = op.spec;
        Engine engine = op.engine;
        String name = spec.name();
        boolean async = spec.asynchronous();
        List<Around> arounds = new ArrayList<>(2);
        arounds.add(new FallbackStage(spec.fallback(), op.metrics, async));
        if (op.retry != null) {
            arounds.add(new RetryStage(op.retry, op.metrics, engine.clock(), !async));
        }
        List<Gate> gates = new ArrayList<>(4);
        if (op.circuitBreaker != null) {
            gates.add(new BreakerGate(op.circuitBreaker, op.metrics, name));
        }
        if (op.rateLimiter != null) {
            gates.add(new RateLimitGate(op.rateLimiter, op.metrics, engine.clock(), engine.sleeper(), name));
        }
        if (op.timeoutNanos > 0) {
            gates.add(new TimeoutGate(engine.watchdog(), op.timeoutNanos, op.metrics, engine.clock(), name));
        }
        if (op.semaphore != null) {
            gates.add(new BulkheadGate(op.semaphore, op.metrics, engine.clock(), name));
        }
        if (op.queue != null) {
            gates.add(new QueueGate(op.queue, op.metrics, engine.clock(), name));
        }
        return new Stages(arounds.toArray(new Around[0]), gates.isEmpty() ? NO_GATES : gates.toArray(new Gate[0]));
    }
}
