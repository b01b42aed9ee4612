package dev.bulwark.impl.circuitbreaker;

import dev.bulwark.api.CircuitBreakerHandle;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.CircuitStateListener;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.impl.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The circuit-breaker state machine: CLOSED, OPEN, HALF_OPEN, plus the two states an operator can force.
 *
 * <p>Permission protocol: {@link #tryAcquire()} returns a permit (the state that admitted the call) or null when the
 * call is rejected; the caller reports the outcome with {@link #onSuccess(Object)} or {@link #onFailure(Object)},
 * passing the permit back. Outcomes are applied to the state that admitted the call, so one that arrives after the
 * state has moved on is recorded in a window nobody reads any more, which is harmless.
 *
 * <p>Each phase is one immutable object (its counters are atomics owned by that phase), swapped by compare-and-set.
 * The thread that wins a CAS does the bookkeeping and tells listeners afterwards, outside the CAS; a thread that
 * loses re-reads. OPEN becomes HALF_OPEN lazily, on the first call after the delay: no background task.
 */
public final class CircuitBreaker implements CircuitBreakerHandle {

    private final CircuitBreakerSpec spec;
    private final String name;
    private final Clock clock;
    private final AtomicReference<Phase> phase;
    private final StateListeners listeners;
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final AtomicLongArray nanosInEndedPhases = new AtomicLongArray(CircuitState.values().length);
    private final boolean failsOnRateLimit;
    /** The shared store's link when replicas share this breaker; null for a local one. */
    private volatile BreakerLink link;

    public CircuitBreaker(CircuitBreakerSpec spec, String name, Clock clock) {
        this.spec = spec;
        this.name = name;
        this.clock = clock;
        this.listeners = new StateListeners(name, spec.listeners());
        this.phase = new AtomicReference<>(closed(clock.nanoTime()));
        this.failsOnRateLimit = spec.failOn().included().stream()
                .anyMatch(type -> RateLimitException.class.isAssignableFrom(type));
    }

    public CircuitBreakerSpec spec() {
        return spec;
    }

    /** The clock its delay and windows run on, for the directory's check that two holders of one name agree. */
    Clock clock() {
        return clock;
    }

    /**
     * Asks to let one call through.
     *
     * @return the permit to hand back with the outcome, or null if the call must be rejected
     */
    public Object tryAcquire() {
        while (true) {
            Phase current = phase.get();
            switch (current.state) {
                case CLOSED:
                case FORCED_CLOSED:
                    return current;
                case HALF_OPEN:
                    // Counts admitted trial calls only (no overshoot by rejected ones), so that release()
                    // can hand a trial slot back.
                    int admitted = current.admitted.get();
                    if (admitted < spec.successThreshold()) {
                        if (current.admitted.compareAndSet(admitted, admitted + 1)) {
                            return current;
                        }
                        continue;
                    }
                    rejected.increment();
                    return null;
                case OPEN:
                    long now = clock.nanoTime();
                    if (now - current.since >= spec.delayNanos()) {
                        BreakerLink shared = link;
                        if (shared != null && !shared.tryTrialLease()) {
                            rejected.increment(); // another replica runs the trial calls
                            return null;
                        }
                        transition(current, new Phase(CircuitState.HALF_OPEN, now, null));
                        continue; // whoever won, the new phase decides
                    }
                    rejected.increment();
                    return null;
                default: // FORCED_OPEN
                    rejected.increment();
                    return null;
            }
        }
    }

    /** {@link #startTime()} of a breaker that does not judge slowness, or of a caller that did not ask. */
    public static final long NO_START = Long.MIN_VALUE;

    /**
     * When a call admitted now starts, for the slow-call rule ({@link #NO_START}, no clock read, if there is none).
     * Both ends are coarse readings: a call within about a millisecond of the threshold may be judged either way.
     */
    public long startTime() {
        return spec.slowCallNanos() > 0 ? clock.coarseNanoTime() : NO_START;
    }

    private boolean slow(long startNanos) {
        return startNanos != NO_START && clock.coarseNanoTime() - startNanos > spec.slowCallNanos();
    }

    /** The call admitted by {@code permit} counted as a success. */
    public void onSuccess(Object permit) {
        onSuccess(permit, NO_START);
    }

    /**
     * The call admitted by {@code permit}, started at {@code startNanos} ({@link #startTime()}), counted as a success;
     * a slow one also counts as slow, and a slow trial call reopens the breaker.
     *
     * @return whether the breaker recorded the call as slow (for the {@code slowCall} metric series)
     */
    public boolean onSuccess(Object permit, long startNanos) {
        Phase admittedBy = (Phase) permit;
        boolean slow = slow(startNanos);
        switch (admittedBy.state) {
            case CLOSED:
                succeeded.increment();
                if (admittedBy.window.record(false, slow)) {
                    open(admittedBy);
                }
                break;
            case HALF_OPEN:
                succeeded.increment();
                if (slow) {
                    open(admittedBy); // the downstream answers, but still too slowly
                    break;
                }
                if (admittedBy.successes.incrementAndGet() >= spec.successThreshold()
                        && transition(admittedBy, closed(clock.nanoTime()))) {
                    BreakerLink shared = link;
                    if (shared != null) {
                        shared.closed();
                    }
                }
                break;
            default: // FORCED_CLOSED records nothing
                return false;
        }
        return slow;
    }

    /** The call admitted by {@code permit} counted as a failure. */
    public void onFailure(Object permit) {
        onFailure(permit, NO_START);
    }

    private void onFailure(Object permit, long startNanos) {
        Phase admittedBy = (Phase) permit;
        switch (admittedBy.state) {
            case CLOSED:
                failed.increment();
                if (admittedBy.window.record(true, slow(startNanos))) {
                    open(admittedBy);
                }
                break;
            case HALF_OPEN:
                failed.increment();
                open(admittedBy);
                break;
            default:
                break;
        }
    }

    /** Reports the outcome of an admitted call, classifying {@code failure} (null for success) with failOn/skipOn. */
    public boolean onOutcome(Object permit, Throwable failure) {
        return onOutcome(permit, failure, NO_START);
    }

    /** {@link #onOutcome(Object, Throwable)} of a call started at {@code startNanos} ({@link #startTime()}). */
    public boolean onOutcome(Object permit, Throwable failure, long startNanos) {
        boolean isFailure = failure != null && spec.failOn().matches(failure);
        if (isFailure) {
            onFailure(permit, startNanos);
        } else {
            onSuccess(permit, startNanos);
        }
        return isFailure;
    }

    /**
     * The call admitted by {@code permit} never reached the downstream (a rate limit inside the breaker refused
     * it): nothing is recorded, and in HALF_OPEN its trial slot is handed back.
     */
    public void release(Object permit) {
        Phase admittedBy = (Phase) permit;
        if (admittedBy.state == CircuitState.HALF_OPEN) {
            admittedBy.admitted.decrementAndGet();
        }
    }

    /**
     * Reports a call admitted by {@code permit} that the rate limit inside the breaker refused. The downstream was
     * never called, so it is a failure only when failOn names {@link RateLimitException} or a subclass of it
     * explicitly (and skipOn does not exclude it); the catch-all default {@code failOn = Throwable} does not count.
     * Otherwise the permit is {@link #release(Object) released}.
     *
     * @return whether it was recorded as a failure
     */
    public boolean onRateLimited(Object permit, RateLimitException rejection) {
        if (failsOnRateLimit && spec.failOn().matches(rejection)) {
            onFailure(permit);
            return true;
        }
        release(permit);
        return false;
    }

    private void open(Phase from) {
        if (transition(from, new Phase(CircuitState.OPEN, clock.nanoTime(), null))) {
            opened.increment();
            BreakerLink shared = link;
            if (shared != null) {
                shared.opened();
            }
        }
    }

    /**
     * Shares this breaker through {@code link} (null: local again). From then on its openings, trial outcomes and
     * operator actions are told to the link, and its trial calls wait for the link's lease.
     */
    public void link(BreakerLink link) {
        this.link = link;
    }

    /**
     * Another replica's breaker of this name opened {@code elapsedNanos} ago: this one opens too (unless an operator
     * forced it), for the delay counted from that opening. Not told back to the link.
     */
    public void sharedOpened(long elapsedNanos) {
        while (true) {
            Phase current = phase.get();
            if (current.state == CircuitState.FORCED_OPEN || current.state == CircuitState.FORCED_CLOSED) {
                return;
            }
            long since = clock.nanoTime() - Math.max(0, elapsedNanos);
            if (current.state == CircuitState.OPEN && current.since - since >= 0) {
                return; // already open since then or later
            }
            if (transition(current, new Phase(CircuitState.OPEN, since, null))) {
                if (current.state != CircuitState.OPEN) {
                    opened.increment();
                }
                return;
            }
        }
    }

    /** Another replica's trial calls succeeded: an OPEN or HALF_OPEN breaker closes. Not told back to the link. */
    public void sharedClosed() {
        while (true) {
            Phase current = phase.get();
            if (current.state != CircuitState.OPEN && current.state != CircuitState.HALF_OPEN) {
                return;
            }
            if (transition(current, closed(clock.nanoTime()))) {
                return;
            }
        }
    }

    /** An operator forced (or, with CLOSED, reset) the breaker on another replica. Not told back to the link. */
    public void sharedForced(CircuitState state) {
        forceLocally(state);
    }

    private Phase closed(long now) {
        return new Phase(CircuitState.CLOSED, now, FailureWindow.of(spec, clock));
    }

    private boolean transition(Phase from, Phase to) {
        if (!phase.compareAndSet(from, to)) {
            return false;
        }
        nanosInEndedPhases.addAndGet(from.state.ordinal(), to.since - from.since);
        if (from.state == to.state) {
            return true; // an operator's reset or force that keeps the state: a new phase, but no change to tell
        }
        listeners.tell(from.state, to.state);
        return true;
    }

    private void force(CircuitState state) {
        forceLocally(state);
        BreakerLink shared = link;
        if (shared != null) {
            shared.forced(state);
        }
    }

    private void forceLocally(CircuitState state) {
        while (true) {
            Phase current = phase.get();
            Phase next = state == CircuitState.CLOSED ? closed(clock.nanoTime())
                    : new Phase(state, clock.nanoTime(), null);
            if (transition(current, next)) {
                return;
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The state now. An OPEN breaker whose delay has passed moves to HALF_OPEN here, as the next call would move it,
     * so that a read never reports a state the breaker has in effect left (and its listeners hear of the change).
     */
    @Override
    public CircuitState state() {
        while (true) {
            Phase current = phase.get();
            if (current.state != CircuitState.OPEN) {
                return current.state;
            }
            long now = clock.nanoTime();
            if (now - current.since < spec.delayNanos() || link != null) {
                // A shared breaker moves to HALF_OPEN only when a call takes the trial lease, never on a read.
                return CircuitState.OPEN;
            }
            transition(current, new Phase(CircuitState.HALF_OPEN, now, null));
        }
    }

    /**
     * Total time spent in {@code state}, including the current phase if it is that state. What the spec's
     * {@code ft.circuitbreaker.state.total} gauge reports.
     */
    public long nanosIn(CircuitState state) {
        Phase current = phase.get();
        long total = nanosInEndedPhases.get(state.ordinal());
        return current.state == state ? total + (clock.nanoTime() - current.since) : total;
    }

    @Override
    public void forceOpen() {
        force(CircuitState.FORCED_OPEN);
    }

    @Override
    public void forceClosed() {
        force(CircuitState.FORCED_CLOSED);
    }

    @Override
    public void reset() {
        force(CircuitState.CLOSED);
    }

    @Override
    public long successfulCalls() {
        return succeeded.sum();
    }

    @Override
    public long failedCalls() {
        return failed.sum();
    }

    @Override
    public long rejectedCalls() {
        return rejected.sum();
    }

    @Override
    public long timesOpened() {
        return opened.sum();
    }

    @Override
    public void onStateChange(CircuitStateListener listener) {
        listeners.add(listener);
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + "]";
    }
}
