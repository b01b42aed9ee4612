package dev.bulwark.impl.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CountWindowTest {

    /** Records {@code n} outcomes; returns on which one (1-based) the window first tripped, or 0. */
    private static int firstTrip(FailureWindow window, boolean failure, int n) {
        for (int i = 1; i <= n; i++) {
            if (window.record(failure)) {
                return i;
            }
        }
        return 0;
    }

    @Test
    void shouldTripOnTheOutcomeThatReachesTheRatioInAFullWindow() {
        CountWindow window = new CountWindow(10, 0.5);
        assertEquals(0, firstTrip(window, false, 5));
        assertEquals(5, firstTrip(window, true, 10), "5 of 10 failed on the fifth failure");
    }

    @Test
    void shouldRoundTheFailuresNeededUp() {
        CountWindow window = new CountWindow(4, 0.7);
        assertEquals(0, firstTrip(window, false, 4));
        assertEquals(3, firstTrip(window, true, 4), "2 of 4 is below 0.7, 3 of 4 reaches it");
    }

    @Test
    void shouldNotTripOnAWindowThatIsNotFull() {
        CountWindow window = new CountWindow(64, 0.1);
        assertEquals(0, firstTrip(window, true, 63));
        assertTrue(window.record(false), "the 64th outcome fills the window");
    }

    @Test
    void shouldKeepCountingAcrossSeveralWordsOfSlots() {
        CountWindow window = new CountWindow(130, 1.0);
        assertEquals(0, firstTrip(window, true, 129));
        assertFalse(window.record(false), "129 failures and one success");
        assertEquals(130, firstTrip(window, true, 130), "the success leaves after 130 more outcomes");
    }

    /**
     * Many threads record random outcomes at once; afterwards one thread overwrites the whole window with
     * successes, which must leave exactly zero failures counted. The window then trips on exactly the failure
     * that reaches the ratio: a count that drifted under concurrency would trip too early or too late.
     */
    @Test
    void shouldKeepTheFailureCountConsistentUnderConcurrentRecording() throws Exception {
        int size = 100;
        int threads = 8;
        CountWindow window = new CountWindow(size, 0.5);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < 5_000; i++) {
                            window.record(random.nextBoolean());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(20, TimeUnit.SECONDS);
                }
                for (int i = 0; i < size; i++) {
                    window.record(false); // may still trip while failures leave the window
                }
                assertEquals(size / 2, firstTrip(window, true, size), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldTripConsecutiveFailuresOnTheThresholdAndResetOnSuccess() {
        ConsecutiveFailures run = new ConsecutiveFailures(3);
        assertFalse(run.record(true));
        assertFalse(run.record(true));
        assertFalse(run.record(false));
        assertFalse(run.record(true));
        assertFalse(run.record(true));
        assertTrue(run.record(true));
    }
}
