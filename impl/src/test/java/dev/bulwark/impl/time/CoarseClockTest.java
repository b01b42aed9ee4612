package dev.bulwark.impl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coarse reading's contract: never ahead of the precise clock, moving while it is read, its ticker parked while it
 * is not and gone after close. Waits are for a condition, with a generous deadline, never for a time.
 */
class CoarseClockTest {

    private final AtomicReference<Thread> ticker = new AtomicReference<>();
    private final CoarseClock clock = new CoarseClock(task -> {
        Thread t = new Thread(task, "bulwark-clock-test");
        ticker.set(t);
        return t;
    });

    @AfterEach
    void close() {
        clock.close();
    }

    @Test
    void aCoarseReadingIsNeverAheadOfThePreciseClock() {
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 200_000; i++) {
            long coarse = clock.coarseNanoTime();
            long precise = clock.nanoTime();
            assertTrue(coarse - precise <= 0, "coarse " + coarse + " ahead of " + precise);
            assertTrue(coarse - previous >= 0 || previous == Long.MIN_VALUE, "went back");
            previous = coarse;
        }
    }

    @Test
    void theReadingMovesWhileItIsRead() {
        long first = clock.coarseNanoTime();
        awaitTrue(() -> clock.coarseNanoTime() > first);
    }

    @Test
    void theTickerParksWhenNobodyReadsAndAReadingWakesIt() {
        clock.coarseNanoTime();
        Thread t = ticker.get();
        assertNotNull(t, "the first coarse reading starts the ticker");
        awaitTrue(() -> t.getState() == Thread.State.WAITING); // parked without a deadline: no wake-ups
        long before = System.nanoTime();
        long reading = clock.coarseNanoTime();
        assertTrue(reading - before >= 0, "a reading while parked is a precise one");
        awaitTrue(() -> clock.coarseNanoTime() > reading); // ticking again
    }

    @Test
    void closeEndsTheTickerAndReadingsArePreciseAfter() throws InterruptedException {
        clock.coarseNanoTime();
        Thread t = ticker.get();
        clock.close();
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(t.isAlive());
        long before = System.nanoTime();
        assertTrue(clock.coarseNanoTime() - before >= 0);
        assertEquals(t, ticker.get(), "no ticker is started after close");
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s");
            Thread.onSpinWait();
        }
    }
}
