package dev.bulwark.impl.chain;

import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.impl.bulkhead.BulkheadGate;
import dev.bulwark.impl.bulkhead.QueueGate;
import dev.bulwark.impl.circuitbreaker.BreakerGate;
import dev.bulwark.impl.fallback.FallbackStage;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.ratelimit.RateLimitGate;
import dev.bulwark.impl.retry.RetryStage;
import dev.bulwark.impl.stage.Around;
import dev.bulwark.impl.stage.AroundSpec;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.GateSpec;
import dev.bulwark.impl.stage.Race;
import dev.bulwark.impl.stage.StageContext;
import dev.bulwark.impl.stage.StageSpec;
import dev.bulwark.impl.stage.StageSpec.Place;
import dev.bulwark.impl.time.Clock;
import dev.bulwark.impl.time.Scheduler;
import dev.bulwark.impl.timeout.TimeoutGate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An operation's stages in the MP FT order, outermost first: Fallback, Retry (around-stages), then CircuitBreaker,
 * RateLimit, Timeout, Bulkhead (gates); each strategy beyond these ({@link StageSpec}) just inside the built-in stage
 * of its place. The one place that knows the order; the drivers only walk the arrays.
 */
final class Stages {

    private static final Gate[] NO_GATES = {};
    private static final Around[] NO_AROUNDS = {};

    final Around[] arounds;
    /**
     * The around-stages the synchronous driver walks: {@link #arounds} without the fallback stage when it would do
     * nothing (no fallback, no metrics), one frame less on the caller's stack. The asynchronous driver keeps it: its
     * outermost stage is where a call ends.
     */
    final Around[] syncArounds;
    final Gate[] gates;
    /** The innermost around-stage when it races attempts (hedging), else null: the asynchronous driver runs it. */
    final Race race;

    private Stages(Around[] arounds, Around[] syncArounds, Gate[] gates) {
        this.arounds = arounds;
        this.syncArounds = syncArounds;
        this.gates = gates;
        this.race = arounds[arounds.length - 1] instanceof Race r ? r : null;
    }

    static Stages of(Operation op) {
        OperationSpec spec = op.spec;
        Engine engine = op.engine;
        String name = spec.name();
        boolean async = spec.asynchronous();
        StageContext context = new Context(op);
        List<Around> arounds = new ArrayList<>(2);
        List<Gate> gates = new ArrayList<>(4);
        arounds.add(new FallbackStage(spec.fallback(), op.metrics, async));
        added(Place.FALLBACK, spec, context, arounds, gates);
        if (op.retry != null) {
            arounds.add(new RetryStage(op.retry, op.metrics, engine.clock(), !async));
        }
        added(Place.RETRY, spec, context, arounds, gates);
        if (op.circuitBreaker != null) {
            gates.add(new BreakerGate(op.circuitBreaker, op.metrics, name));
        }
        added(Place.CIRCUIT_BREAKER, spec, context, arounds, gates);
        if (op.rateLimiter != null) {
            gates.add(new RateLimitGate(op.rateLimiter, op.metrics, engine.clock(), engine.sleeper(), name));
        }
        added(Place.RATE_LIMIT, spec, context, arounds, gates);
        if (op.timeoutNanos > 0) {
            gates.add(new TimeoutGate(engine.watchdog(), op.timeoutNanos, op.metrics, engine.clock(), name, async));
        }
        added(Place.TIMEOUT, spec, context, arounds, gates);
        if (op.semaphore != null) {
            gates.add(new BulkheadGate(op.semaphore, op.metrics, engine.clock(), name));
        }
        if (op.queue != null) {
            gates.add(new QueueGate(op.queue, op.metrics, engine.clock(), name));
        }
        added(Place.BULKHEAD, spec, context, arounds, gates);
        // Shared empty arrays: a partition's operation among thousands then has one object less to reach per call.
        Around[] all = arounds.isEmpty() ? NO_AROUNDS : arounds.toArray(new Around[0]);
        for (int k = 0; k < all.length; k++) {
            if (all[k] instanceof Race && (k < all.length - 1 || !async)) {
                throw new IllegalArgumentException(name + ": " + all[k] + (async
                        ? " races attempts of what it wraps, so only gates may be inside it"
                        : " races attempts, which needs an asynchronous operation (a synchronous call has no thread"
                                + " to race on)"));
            }
        }
        boolean inert = spec.fallback() == null && !op.metrics.enabled();
        Around[] sync = !inert ? all : all.length == 1 ? NO_AROUNDS : Arrays.copyOfRange(all, 1, all.length);
        return new Stages(all, sync, gates.isEmpty() ? NO_GATES : gates.toArray(new Gate[0]));
    }

    /** Makes the stages of the strategies beyond the built-in ones that sit at {@code place}. */
    private static void added(Place place, OperationSpec spec, StageContext context, List<Around> arounds,
            List<Gate> gates) {
        for (StageSpec stage : spec.stages()) {
            if (stage.place() != place) {
                continue;
            }
            if (stage instanceof AroundSpec around && place.around()) {
                arounds.add(around.around(context));
            } else if (stage instanceof GateSpec gate && !place.around()) {
                gates.add(gate.gate(context));
            } else {
                throw new IllegalArgumentException(spec.name() + ": " + stage + " is " + (place.around()
                        ? "a gate at the place of an around-stage, " : "an around-stage at the place of a gate, ")
                        + place);
            }
        }
    }

    /** What a strategy's stage sees of its operation. */
    private record Context(Operation op) implements StageContext {

        @Override
        public String name() {
            return op.spec.name();
        }

        @Override
        public boolean asynchronous() {
            return op.spec.asynchronous();
        }

        @Override
        public Clock clock() {
            return op.engine.clock();
        }

        @Override
        public Scheduler scheduler() {
            return op.engine.scheduler();
        }

        @Override
        public MetricsRecorder metrics() {
            return op.metrics;
        }

        @Override
        public RetryBudgetHandle retryBudget() {
            return op.spec.retry() == null ? null : op.spec.retry().budget();
        }
    }
}
