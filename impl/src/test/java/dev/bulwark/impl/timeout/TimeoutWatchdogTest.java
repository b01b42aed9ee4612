package dev.bulwark.impl.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.impl.time.Clock;
import dev.bulwark.testing.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Arm, disarm and tick with a manual clock and no watchdog thread. Most tests arm on the test thread itself:
 * {@code tick()} then interrupts the test thread, which makes every step deterministic.
 */
class TimeoutWatchdogTest {

    private final VirtualTime time = new VirtualTime();
    private final TimeoutWatchdog watchdog = TimeoutWatchdog.driven(time);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // a failed test must not leak its interrupt into the next one
    }

    @Test
    void shouldReportNoDeadlineWhenNothingIsArmed() {
        assertEquals(Long.MAX_VALUE, watchdog.tick());
    }

    @Test
    void shouldReportTheArmedDeadlineFromTick() {
        time.advance(50);
        TimeoutWatchdog.Slot slot = watchdog.arm(1_000);
        assertEquals(1_050, watchdog.tick());
        watchdog.disarm(slot);
    }

    @Test
    void shouldNotInterruptBeforeTheDeadline() {
        TimeoutWatchdog.Slot slot = watchdog.arm(1_000);
        time.advance(999);
        watchdog.tick();
        assertFalse(Thread.currentThread().isInterrupted());
        assertFalse(watchdog.disarm(slot), "finished in time");
    }

    @Test
    void shouldInterruptTheOwnerOnceTheClockReachesTheDeadline() {
        TimeoutWatchdog.Slot slot = watchdog.arm(1_000);
        time.advance(1_000);
        watchdog.tick();
        assertTrue(Thread.currentThread().isInterrupted());
        watchdog.disarm(slot);
    }

    @Test
    void shouldReportAFiredDeadlineFromDisarmAndClearTheInterrupt() {
        TimeoutWatchdog.Slot slot = watchdog.arm(1_000);
        time.advance(5_000);
        watchdog.tick();
        assertTrue(watchdog.disarm(slot));
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt does not leak out");
    }

    @Test
    void shouldForgetAFiredDeadlineOnceDisarmed() {
        TimeoutWatchdog.Slot slot = watchdog.arm(1_000);
        time.advance(1_000);
        watchdog.tick();
        watchdog.disarm(slot);
        assertEquals(Long.MAX_VALUE, watchdog.tick());
    }

    @Test
    void shouldInterruptOnlyOncePerArming() {
        TimeoutWatchdog.Slot slot = watchdog.arm(1_000);
        time.advance(1_000);
        watchdog.tick();
        assertTrue(Thread.interrupted());
        time.advance(1_000);
        watchdog.tick();
        assertFalse(Thread.currentThread().isInterrupted(), "a fired slot is not fired again");
        assertTrue(watchdog.disarm(slot));
    }

    @Test
    void shouldNeverFireADisarmedDeadline() {
        TimeoutWatchdog.Slot slot = watchdog.arm(1_000);
        assertFalse(watchdog.disarm(slot));
        time.advance(10_000);
        assertEquals(Long.MAX_VALUE, watchdog.tick());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void shouldNotFireTheOldDeadlineOfAReusedSlot() {
        watchdog.disarm(watchdog.arm(100));
        TimeoutWatchdog.Slot slot = watchdog.arm(1_000);
        time.advance(100);
        assertEquals(1_000, watchdog.tick(), "only the new deadline is armed");
        assertFalse(Thread.currentThread().isInterrupted());
        assertFalse(watchdog.disarm(slot));
    }

    @Test
    void shouldLeaveAnInterruptItDidNotCause() {
        TimeoutWatchdog.Slot slot = watchdog.arm(1_000);
        Thread.currentThread().interrupt();
        assertFalse(watchdog.disarm(slot));
        assertTrue(Thread.currentThread().isInterrupted(), "someone else's interrupt stays");
    }

    @Test
    void shouldFireOnlyTheInnerOfNestedDeadlinesWhenItExpiresFirst() {
        TimeoutWatchdog.Slot outer = watchdog.arm(1_000);
        TimeoutWatchdog.Slot inner = watchdog.arm(100);
        time.advance(100);
        assertEquals(1_000, watchdog.tick(), "the outer deadline is still armed");
        assertTrue(watchdog.disarm(inner));
        assertFalse(watchdog.disarm(outer));
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void shouldFireTheOuterOfNestedDeadlinesWhileTheInnerIsStillArmed() {
        TimeoutWatchdog.Slot outer = watchdog.arm(100);
        TimeoutWatchdog.Slot inner = watchdog.arm(1_000);
        time.advance(100);
        watchdog.tick();
        assertFalse(watchdog.disarm(inner), "the inner deadline did not pass");
        assertTrue(Thread.currentThread().isInterrupted(), "the inner call sees the outer's interrupt");
        assertTrue(watchdog.disarm(outer));
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void shouldReuseSlotsAcrossManyArmings() {
        for (int i = 0; i < 1_000; i++) {
            assertFalse(watchdog.disarm(watchdog.arm(1_000)));
        }
        TimeoutWatchdog.Slot slot = watchdog.arm(10);
        time.advance(10);
        watchdog.tick();
        assertTrue(watchdog.disarm(slot));
    }

    @Test
    void shouldRefuseNestingDeeperThanItsSlotStack() {
        List<TimeoutWatchdog.Slot> armed = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            while (true) {
                armed.add(watchdog.arm(1_000));
            }
        });
        assertEquals("guarded calls with a timeout nested deeper than 64", e.getMessage());
        assertEquals(64, armed.size());
        for (int i = armed.size() - 1; i >= 0; i--) {
            assertFalse(watchdog.disarm(armed.get(i)));
        }
    }

    @Test
    void shouldInterruptAWorkerBlockedOnALatchAndNoOtherThread() throws Exception {
        TimeoutWatchdog.Slot mine = watchdog.arm(10_000);
        CountDownLatch armed = new CountDownLatch(1);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            TimeoutWatchdog.Slot slot = watchdog.arm(1_000);
            armed.countDown();
            Object result;
            try {
                new CountDownLatch(1).await();
                result = "not interrupted";
            } catch (InterruptedException e) {
                result = e;
            }
            boolean fired = watchdog.disarm(slot);
            outcome.complete(fired && !Thread.currentThread().isInterrupted() ? result : "fired=" + fired);
        });
        worker.start();
        armed.await();
        time.advance(1_000);
        assertEquals(10_000, watchdog.tick(), "the test thread's own deadline is still ahead");
        assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
        assertFalse(Thread.currentThread().isInterrupted());
        assertFalse(watchdog.disarm(mine));
        worker.join();
    }

    @Test
    void shouldWakeItsThreadForADeadlineOnAClockWithANegativeOrigin() throws Exception {
        // Only differences between readings mean anything: System.nanoTime() may well be negative.
        Clock negativeOrigin = () -> System.nanoTime() - 6_000_000_000_000_000_000L;
        try (TimeoutWatchdog real = TimeoutWatchdog.start(negativeOrigin, Thread::new)) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            Thread worker = new Thread(() -> {
                TimeoutWatchdog.Slot slot = real.arm(TimeUnit.MILLISECONDS.toNanos(20));
                Object result;
                try {
                    new CountDownLatch(1).await();
                    result = "not interrupted";
                } catch (InterruptedException e) {
                    result = e;
                }
                real.disarm(slot);
                outcome.complete(result);
            });
            worker.setDaemon(true);
            worker.start();
            assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
        }
    }
}
