package dev.bulwark.impl.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.AdaptiveAlgorithm;
import dev.bulwark.impl.InvalidSettingsException;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.stage.StageContext;
import dev.bulwark.impl.time.Clock;
import dev.bulwark.impl.time.Scheduler;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** The adaptive bulkhead's gate on a manual clock: its limit holds, grows with use and shrinks with timeouts. */
class AdaptiveBulkheadGateTest {

    private long now;

    private AdaptiveBulkheadGate gate(AdaptiveBulkheadSpec spec) {
        return (AdaptiveBulkheadGate) spec.gate(new StageContext() {
            @Override
            public String name() {
                return "quote";
            }

            @Override
            public boolean asynchronous() {
                return false;
            }

            @Override
            public Clock clock() {
                return () -> now;
            }

            @Override
            public Scheduler scheduler() {
                throw new UnsupportedOperationException();
            }

            @Override
            public MetricsRecorder metrics() {
                return MetricsRecorder.NOOP;
            }
        });
    }

    @Test
    void aCallOverTheLimitIsRejectedAndAPlaceGivenBackLetsTheNextIn() {
        AdaptiveBulkheadGate gate = gate(new AdaptiveBulkheadSpec(AdaptiveAlgorithm.GRADIENT2, 2, 1, 2, 0));
        Object first = gate.enter();
        long mark = gate.mark();
        gate.enter();
        BulkheadException e = assertThrows(BulkheadException.class, gate::enter);
        assertTrue(e.getMessage().contains("quote") && e.getMessage().contains("2"), e.getMessage());
        gate.exit(first, mark, null, Passage.RAN);
        gate.enter();
        assertEquals(2, gate.running());
    }

    /**
     * Keeps up to {@code busy} calls running, each taking 1 ms, and ends {@code calls} of them with {@code failure};
     * a call the limit rejects is not made.
     */
    private void load(AdaptiveBulkheadGate gate, int busy, int calls, Throwable failure) {
        Deque<long[]> running = new ArrayDeque<>();
        for (int i = 0; i < busy; i++) {
            gate.enter();
            running.add(new long[] {gate.mark()});
        }
        for (int i = 0; i < calls; i++) {
            now += 1_000_000;
            if (!running.isEmpty()) {
                gate.exit(Passage.class, running.poll()[0], failure, Passage.RAN);
            }
            while (running.size() < busy) {
                try {
                    gate.enter();
                } catch (BulkheadException rejected) {
                    break;
                }
                running.add(new long[] {gate.mark()});
            }
        }
        while (!running.isEmpty()) {
            gate.exit(Passage.class, running.poll()[0], null, Passage.RAN);
        }
    }

    @Test
    void aimdGrowsByOneAWindowThatFillsTheLimitAndShrinksWithTimeouts() {
        AdaptiveBulkheadGate gate = gate(new AdaptiveBulkheadSpec(AdaptiveAlgorithm.AIMD, 10, 1, 100, 0));
        load(gate, 10, 2_000, null);
        int grown = gate.limit();
        assertTrue(grown > 10, "in use at its limit, with steady latency, it grows: " + grown);
        load(gate, 5, 2_000, new TimeoutException("timed out"));
        assertTrue(gate.limit() < grown, "timeouts shrink it: " + gate.limit() + " from " + grown);
        assertTrue(gate.limit() >= 1, "never below minLimit");
    }

    @Test
    void aLimitNotUsedDoesNotGrow() {
        AdaptiveBulkheadGate gate = gate(new AdaptiveBulkheadSpec(AdaptiveAlgorithm.GRADIENT2, 20, 1, 200, 0));
        load(gate, 2, 5_000, null);
        assertTrue(gate.limit() <= 20, "2 of 20 in use: no reason to allow more, was " + gate.limit());
    }

    @Test
    void aFailureThatIsNotATimeoutIsNoSample() {
        AdaptiveBulkheadGate gate = gate(new AdaptiveBulkheadSpec(AdaptiveAlgorithm.AIMD, 10, 1, 100, 0));
        load(gate, 10, 2_000, new IllegalStateException("the method's own failure"));
        assertEquals(10, gate.limit(), "no samples, no move");
    }

    @Test
    void badLimitsNameEachSetting() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new AdaptiveBulkheadSpec(AdaptiveAlgorithm.VEGAS, 300, 0, 200, -1));
        assertEquals(java.util.List.of("minLimit", "initialLimit", "waitingTaskQueue"),
                e.violations().stream().map(InvalidSettingsException.Violation::setting).toList(), e.getMessage());
    }
}
