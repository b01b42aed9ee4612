package dev.bulwark.impl.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.retry.RetrySpec;
import dev.bulwark.impl.stage.Around;
import dev.bulwark.impl.stage.AroundSpec;
import dev.bulwark.impl.stage.Decision;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.GateSpec;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.stage.StageContext;
import dev.bulwark.impl.stage.StageSpec.Place;
import dev.bulwark.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * A strategy the chain does not name joins it through a stage spec, at its place in the MP FT order, under the
 * synchronous and the asynchronous driver alike.
 */
class AddedStagesTest {

    private final VirtualTime time = new VirtualTime();
    private final Engine engine = time.engine().build();
    private final List<String> seen = new ArrayList<>();

    /** A gate that lets everything through and writes down what it saw. */
    private GateSpec recording(String label, Place place) {
        return new GateSpec() {
            @Override
            public Place place() {
                return place;
            }

            @Override
            public Gate gate(StageContext operation) {
                return new Gate() {
                    @Override
                    public Object enter() {
                        seen.add(label + " enters " + operation.name());
                        return PERMIT;
                    }

                    @Override
                    public Throwable exit(Object permit, long mark, Throwable failure, Passage passage) {
                        seen.add(label + " exits " + (failure == null ? "returned" : failure.getMessage()));
                        return failure;
                    }
                };
            }
        };
    }

    /** An around-stage that turns any failure into the value "saved". */
    private static AroundSpec saving(Place place) {
        return new AroundSpec() {
            @Override
            public Place place() {
                return place;
            }

            @Override
            public Around around(StageContext operation) {
                return new Around() {
                    @Override
                    public boolean ends(Object value, Decision prior) {
                        return true;
                    }

                    @Override
                    public Decision next(Decision prior, long mark, Object value, Throwable failure, Object context) {
                        return failure == null ? null : new Decision().returns("saved");
                    }
                };
            }
        };
    }

    @Test
    void aGateInsideTheRetrySeesEveryAttempt() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .retry(RetrySpec.of(2, 0, 0, 0, ExceptionMatcher.allExceptions()))
                .stage(recording("gate", Place.BULKHEAD)).build());
        assertThrows(IllegalStateException.class, () -> op.call(() -> {
            throw new IllegalStateException("boom");
        }, null));
        assertEquals(List.of("gate enters op", "gate exits boom", "gate enters op", "gate exits boom",
                "gate enters op", "gate exits boom"), seen);
    }

    @Test
    void aGateAtTheBreakersPlaceIsNotReachedWhileTheBreakerIsOpen() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .circuitBreaker(CircuitBreakerSpec.of(1, 1.0, 1_000_000_000L, 1, ExceptionMatcher.all()))
                .stage(recording("inside", Place.CIRCUIT_BREAKER)).build());
        assertThrows(IllegalStateException.class, () -> op.call(() -> {
            throw new IllegalStateException("boom");
        }, null));
        assertThrows(CircuitBreakerOpenException.class, () -> op.call(() -> "value", null));
        assertEquals(List.of("inside enters op", "inside exits boom"), seen);
    }

    @Test
    void anAroundStageInsideTheRetryDecidesBeforeTheRetrySeesTheFailure() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op")
                .retry(RetrySpec.of(3, 0, 0, 0, ExceptionMatcher.allExceptions()))
                .stage(saving(Place.RETRY)).stage(recording("gate", Place.TIMEOUT)).build());
        assertEquals("saved", op.call(() -> {
            throw new IllegalStateException("boom");
        }, null));
        assertEquals(List.of("gate enters op", "gate exits boom"), seen, "one attempt: nothing was left to retry");
    }

    @Test
    void theAsynchronousDriverRunsTheSameStages() throws Exception {
        Operation op = engine.operation(OperationSpec.builder("op").asynchronous(true).offload(false)
                .retry(RetrySpec.of(1, 0, 0, 0, ExceptionMatcher.allExceptions()))
                .stage(recording("gate", Place.RATE_LIMIT)).build());
        CompletableFuture<Object> result = op.callAsync(
                () -> CompletableFuture.failedFuture(new IllegalStateException("boom")), null);
        ExecutionException failed = assertThrows(ExecutionException.class, result::get);
        assertEquals("boom", failed.getCause().getMessage());
        assertEquals(List.of("gate enters op", "gate exits boom", "gate enters op", "gate exits boom"), seen);
    }

    @Test
    void aGateAtThePlaceOfAnAroundStageIsRefusedWhenTheOperationIsMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.operation(
                OperationSpec.builder("op").stage(recording("gate", Place.RETRY)).build()));
        assertEquals(true, e.getMessage().contains("a gate at the place of an around-stage"), e.getMessage());
    }
}
