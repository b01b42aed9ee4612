package dev.bulwark.impl.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A breaker kept in step with other replicas through a {@link BreakerLink}: what it tells the store, what it does when
 * the store tells it of another replica's decision, and the trial lease. The store itself is faked.
 */
class SharedBreakerLinkTest {

    private static final long DELAY = TimeUnit.SECONDS.toNanos(5);
    private final VirtualTime time = new VirtualTime();
    private final List<String> told = new ArrayList<>();
    private final List<String> transitions = new ArrayList<>();
    private boolean leaseGranted = true;

    private final BreakerLink store = new BreakerLink() {
        @Override
        public void opened() {
            told.add("opened");
        }

        @Override
        public void closed() {
            told.add("closed");
        }

        @Override
        public void forced(CircuitState state) {
            told.add("forced " + state);
        }

        @Override
        public boolean tryTrialLease() {
            told.add("lease?");
            return leaseGranted;
        }
    };

    private CircuitBreaker linked(int successThreshold) {
        CircuitBreaker cb = new CircuitBreaker(CircuitBreakerSpec.of(2, 1.0, DELAY, successThreshold,
                ExceptionMatcher.all()), "shared", time);
        cb.onStateChange((name, from, to) -> transitions.add(from + "->" + to));
        cb.link(store);
        return cb;
    }

    private static void trip(CircuitBreaker cb) {
        for (int i = 0; i < 2; i++) {
            cb.onFailure(cb.tryAcquire());
        }
    }

    @Test
    void shouldTellTheStoreWhenItOpens() {
        CircuitBreaker cb = linked(1);
        trip(cb);
        assertEquals(List.of("opened"), told);
        assertEquals(CircuitState.OPEN, cb.state());
    }

    @Test
    void shouldTellTheStoreWhenItsTrialsCloseIt() {
        CircuitBreaker cb = linked(2);
        trip(cb);
        time.advance(DELAY);
        cb.onSuccess(cb.tryAcquire());
        assertEquals(List.of("opened", "lease?"), told, "one success of two: not closed yet");
        cb.onSuccess(cb.tryAcquire());
        assertEquals(List.of("opened", "lease?", "closed"), told);
        assertEquals(CircuitState.CLOSED, cb.state());
    }

    @Test
    void shouldTellTheStoreWhenAFailedTrialReopensIt() {
        CircuitBreaker cb = linked(1);
        trip(cb);
        time.advance(DELAY);
        cb.onFailure(cb.tryAcquire());
        assertEquals(List.of("opened", "lease?", "opened"), told);
    }

    @Test
    void shouldTellTheStoreOfEveryOperatorAction() {
        CircuitBreaker cb = linked(1);
        cb.forceOpen();
        cb.forceClosed();
        cb.reset();
        assertEquals(List.of("forced FORCED_OPEN", "forced FORCED_CLOSED", "forced CLOSED"), told);
    }

    @Test
    void shouldStayOpenAndRejectWhenAnotherReplicaHoldsTheTrialLease() {
        CircuitBreaker cb = linked(1);
        trip(cb);
        time.advance(DELAY);
        leaseGranted = false;
        assertNull(cb.tryAcquire(), "another replica runs the trial calls");
        assertEquals(CircuitState.OPEN, cb.state());
        assertEquals(1, cb.rejectedCalls());
        leaseGranted = true;
        assertNotNull(cb.tryAcquire());
        assertEquals(CircuitState.HALF_OPEN, cb.state());
    }

    @Test
    void shouldNotAskForTheLeaseBeforeTheDelayHasPassed() {
        CircuitBreaker cb = linked(1);
        trip(cb);
        time.advance(DELAY - 1);
        assertNull(cb.tryAcquire());
        assertEquals(List.of("opened"), told);
    }

    @Test
    void shouldReadOpenAfterTheDelayUntilACallTakesTheLease() {
        CircuitBreaker cb = linked(1);
        trip(cb);
        time.advance(DELAY);
        assertEquals(CircuitState.OPEN, cb.state(), "a read never takes the lease");
        assertEquals(List.of("opened"), told);
    }

    @Test
    void shouldOpenWhenAnotherReplicaOpenedCountingTheDelayFromThatOpening() {
        CircuitBreaker cb = linked(1);
        cb.sharedOpened(TimeUnit.SECONDS.toNanos(2));
        assertEquals(CircuitState.OPEN, cb.state());
        assertEquals(1, cb.timesOpened());
        assertEquals(List.of("CLOSED->OPEN"), transitions);
        assertEquals(List.of(), told, "what the store said is not told back to it");
        time.advance(TimeUnit.SECONDS.toNanos(3) - 1);
        assertNull(cb.tryAcquire(), "5 s after the other replica's opening, less 1 ns");
        time.advance(1);
        assertNotNull(cb.tryAcquire());
    }

    @Test
    void shouldCountANegativeElapsedTimeAsAnOpeningNow() {
        CircuitBreaker cb = linked(1);
        cb.sharedOpened(-TimeUnit.SECONDS.toNanos(10));
        time.advance(DELAY - 1);
        assertNull(cb.tryAcquire(), "a clock skew never makes the delay longer than from now");
        time.advance(1);
        assertNotNull(cb.tryAcquire());
    }

    @Test
    void shouldKeepItsOwnLaterOpeningWhenTheStoreReportsAnEarlierOne() {
        CircuitBreaker cb = linked(1);
        time.advance(DELAY);
        trip(cb); // opened now
        cb.sharedOpened(TimeUnit.SECONDS.toNanos(3)); // another replica opened 3 s ago
        time.advance(DELAY - 1);
        assertNull(cb.tryAcquire(), "still its own full delay");
        assertEquals(1, cb.timesOpened());
    }

    @Test
    void shouldMoveItsOpeningLaterWhenTheStoreReportsALaterOneWithoutCountingASecondOpening() {
        CircuitBreaker cb = linked(1);
        trip(cb); // opened at 0
        time.advance(TimeUnit.SECONDS.toNanos(4));
        cb.sharedOpened(0); // another replica opened now: the delay starts again
        time.advance(DELAY - 1);
        assertNull(cb.tryAcquire());
        time.advance(1);
        assertNotNull(cb.tryAcquire());
        assertEquals(1, cb.timesOpened(), "one opening, moved");
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN"), transitions);
    }

    @Test
    void shouldIgnoreAnotherReplicasOpeningWhileForced() {
        CircuitBreaker cb = linked(1);
        cb.forceClosed();
        cb.sharedOpened(0);
        assertEquals(CircuitState.FORCED_CLOSED, cb.state());
        cb.forceOpen();
        cb.sharedOpened(0);
        assertEquals(CircuitState.FORCED_OPEN, cb.state());
        assertEquals(0, cb.timesOpened());
    }

    @Test
    void shouldReopenAHalfOpenBreakerWhenAnotherReplicaOpens() {
        CircuitBreaker cb = linked(1);
        trip(cb);
        time.advance(DELAY);
        assertNotNull(cb.tryAcquire());
        cb.sharedOpened(0);
        assertEquals(CircuitState.OPEN, cb.state());
        assertEquals(2, cb.timesOpened());
    }

    @Test
    void shouldCloseAnOpenOrHalfOpenBreakerWhenAnotherReplicasTrialsSucceeded() {
        CircuitBreaker open = linked(1);
        trip(open);
        open.sharedClosed();
        assertEquals(CircuitState.CLOSED, open.state());

        CircuitBreaker halfOpen = linked(1);
        trip(halfOpen);
        time.advance(DELAY);
        assertNotNull(halfOpen.tryAcquire());
        halfOpen.sharedClosed();
        assertEquals(CircuitState.CLOSED, halfOpen.state());
        assertEquals(List.of("opened", "opened", "lease?"), told, "neither closing is told back");
    }

    @Test
    void shouldLeaveAClosedOrForcedBreakerAsItIsWhenAnotherReplicaCloses() {
        CircuitBreaker cb = linked(1);
        cb.sharedClosed();
        assertEquals(List.of(), transitions);
        cb.forceOpen();
        cb.sharedClosed();
        assertEquals(CircuitState.FORCED_OPEN, cb.state());
    }

    @Test
    void shouldFollowAnotherReplicasOperatorWithoutTellingItBack() {
        CircuitBreaker cb = linked(1);
        cb.sharedForced(CircuitState.FORCED_OPEN);
        assertEquals(CircuitState.FORCED_OPEN, cb.state());
        cb.sharedForced(CircuitState.CLOSED);
        assertEquals(CircuitState.CLOSED, cb.state());
        assertEquals(List.of(), told);
    }

    @Test
    void shouldTellNothingMoreOnceUnlinked() {
        CircuitBreaker cb = linked(1);
        cb.link(null);
        trip(cb);
        cb.reset();
        time.advance(DELAY);
        assertEquals(List.of(), told);
    }
}
