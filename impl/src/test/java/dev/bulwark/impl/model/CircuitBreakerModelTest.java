package dev.bulwark.impl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.testing.VirtualTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of outcomes, clock moves, state reads and operator actions give the breaker the states of a small
 * reference model of the specification's breaker, written here independently of the implementation.
 */
class CircuitBreakerModelTest {

    enum Op { SUCCESS, FAILURE, ADVANCE, READ, FORCE_OPEN, FORCE_CLOSED, RESET }

    record Step(Op op, long amount) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(new Step(Op.SUCCESS, 0))),
                net.jqwik.api.Tuple.of(5, Arbitraries.just(new Step(Op.FAILURE, 0))),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 120).map(n -> new Step(Op.ADVANCE, n))),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Step(Op.READ, 0))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Op.FORCE_OPEN, Op.FORCE_CLOSED, Op.RESET)
                        .map(op -> new Step(op, 0))));
        return step.list().ofMaxSize(60);
    }

    @Property(tries = 400)
    void shouldFollowTheModel(@ForAll @IntRange(min = 1, max = 5) int window,
            @ForAll @DoubleRange(min = 0, max = 1) double ratio, @ForAll @IntRange(min = 0, max = 100) int delay,
            @ForAll @IntRange(min = 1, max = 3) int successThreshold, @ForAll("steps") @Size(max = 60) List<Step> steps) {
        VirtualTime time = new VirtualTime();
        CircuitBreaker breaker = new CircuitBreaker(CircuitBreakerSpec.of(window, ratio, delay, successThreshold,
                ExceptionMatcher.all()), "model", time);
        Model model = new Model(window, ratio, delay, successThreshold, time);
        int i = 0;
        for (Step step : steps) {
            String at = "step " + i++ + " " + step + " of " + steps;
            switch (step.op()) {
                case SUCCESS, FAILURE -> {
                    Object permit = breaker.tryAcquire();
                    boolean admitted = model.acquire();
                    assertEquals(admitted, permit != null, at);
                    if (permit != null) {
                        boolean failure = step.op() == Op.FAILURE;
                        if (failure) {
                            breaker.onFailure(permit);
                        } else {
                            breaker.onSuccess(permit);
                        }
                        model.outcome(failure);
                    }
                }
                case ADVANCE -> time.advance(step.amount());
                case READ -> assertEquals(model.read(), breaker.state(), at);
                case FORCE_OPEN -> {
                    breaker.forceOpen();
                    model.force(CircuitState.FORCED_OPEN);
                }
                case FORCE_CLOSED -> {
                    breaker.forceClosed();
                    model.force(CircuitState.FORCED_CLOSED);
                }
                case RESET -> {
                    breaker.reset();
                    model.force(CircuitState.CLOSED);
                }
            }
        }
        assertEquals(model.read(), breaker.state(), "at the end of " + steps);
    }

    /** The specification's breaker, the plain way: a list of the last outcomes, a state and its start. */
    static final class Model {
        final int window;
        final int failuresToTrip;
        final long delay;
        final int successThreshold;
        final VirtualTime time;
        CircuitState state = CircuitState.CLOSED;
        long since;
        final Deque<Boolean> outcomes = new ArrayDeque<>();
        int admitted;
        int successes;

        Model(int window, double ratio, long delay, int successThreshold, VirtualTime time) {
            this.window = window;
            this.failuresToTrip = Math.max(0, (int) Math.ceil(ratio * window - 1e-9));
            this.delay = delay;
            this.successThreshold = successThreshold;
            this.time = time;
        }

        CircuitState read() {
            if (state == CircuitState.OPEN && time.nanoTime() - since >= delay) {
                halfOpen();
            }
            return state;
        }

        private void halfOpen() {
            state = CircuitState.HALF_OPEN;
            admitted = 0;
            successes = 0;
        }

        boolean acquire() {
            switch (read()) {
                case CLOSED, FORCED_CLOSED:
                    return true;
                case HALF_OPEN:
                    if (admitted < successThreshold) {
                        admitted++;
                        return true;
                    }
                    return false;
                default:
                    return false;
            }
        }

        void outcome(boolean failure) {
            if (state == CircuitState.CLOSED) {
                outcomes.addLast(failure);
                if (outcomes.size() > window) {
                    outcomes.removeFirst();
                }
                long failures = outcomes.stream().filter(f -> f).count();
                if (outcomes.size() == window && failures >= failuresToTrip) {
                    open();
                }
            } else if (state == CircuitState.HALF_OPEN) {
                if (failure) {
                    open();
                } else if (++successes >= successThreshold) {
                    force(CircuitState.CLOSED);
                }
            }
        }

        private void open() {
            state = CircuitState.OPEN;
            since = time.nanoTime();
        }

        void force(CircuitState forced) {
            state = forced;
            since = time.nanoTime();
            outcomes.clear();
        }
    }
}
