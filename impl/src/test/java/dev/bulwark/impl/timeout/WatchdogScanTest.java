package dev.bulwark.impl.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.impl.time.Clock;
import dev.bulwark.testing.VirtualTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What one scan of a driven watchdog reports and keeps: the earliest deadline still armed (when its thread must wake
 * next), also on a clock whose readings are negative, and no slot of a thread that has ended.
 */
class WatchdogScanTest {

    private final VirtualTime time = new VirtualTime();
    private final TimeoutWatchdog watchdog = TimeoutWatchdog.driven(time);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void shouldReportTheEarliestDeadlineWhicheverWasArmedFirst() {
        TimeoutWatchdog.Slot outer = watchdog.arm(1_000);
        TimeoutWatchdog.Slot inner = watchdog.arm(300);
        assertEquals(300, watchdog.tick(), "the later arming has the earlier deadline");
        watchdog.disarm(inner);
        TimeoutWatchdog.Slot later = watchdog.arm(2_000);
        assertEquals(1_000, watchdog.tick(), "the earlier arming has the earlier deadline");
        watchdog.disarm(later);
        watchdog.disarm(outer);
    }

    @Test
    void shouldReportTheArmedDeadlineOnAClockWithNegativeReadings() {
        long start = -TimeUnit.SECONDS.toNanos(5);
        Clock negative = () -> start;
        TimeoutWatchdog onNegative = TimeoutWatchdog.driven(negative);
        TimeoutWatchdog.Slot slot = onNegative.arm(1_000);
        assertEquals(start + 1_000, onNegative.tick());
        assertFalse(onNegative.disarm(slot));
    }

    @Test
    void shouldDropTheSlotOfAThreadThatHasEnded() throws Exception {
        Thread worker = new Thread(() -> watchdog.disarm(watchdog.arm(1_000)));
        worker.start();
        worker.join();
        assertEquals(1, watchdog.slotCount());
        watchdog.tick();
        assertEquals(0, watchdog.slotCount(), "a slot nobody can arm again is not scanned for ever");
    }
    @Test
    void shouldDropEndedThreadsSlotsAtEvery64thRegistrationAndKeepTheLiveOnes() throws Exception {
        for (int i = 0; i < 63; i++) { // 63 threads, each registering its first slot, then ending
            Thread worker = new Thread(() -> watchdog.disarm(watchdog.arm(1_000)));
            worker.start();
            worker.join();
        }
        TimeoutWatchdog.Slot mine = watchdog.arm(100); // the 64th registration cleans up
        assertEquals(1, watchdog.slotCount(), "only the live thread's slot is left");
        time.advance(100);
        watchdog.tick();
        assertTrue(watchdog.disarm(mine), "the clean-up kept the live thread's armed deadline");
    }

    @Test
    void shouldWakeItsSleepingThreadForAnEarlierDeadline() throws Exception {
        TimeoutWatchdog threaded = TimeoutWatchdog.start(Clock.system(), r -> {
            Thread t = new Thread(r, "watchdog-under-test");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch armed = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread later = new Thread(() -> {
            TimeoutWatchdog.Slot slot = threaded.arm(TimeUnit.SECONDS.toNanos(30));
            armed.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                threaded.disarm(slot);
            }
        });
        later.start();
        try {
            armed.await();
            Thread.sleep(100); // the watchdog is now asleep until the 30 s deadline
            long start = System.nanoTime();
            TimeoutWatchdog.Slot soon = threaded.arm(TimeUnit.MILLISECONDS.toNanos(50));
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException expected) {
                // the watchdog woke for the earlier deadline
            }
            assertTrue(threaded.disarm(soon), "interrupted at its deadline, not after the 30 s one");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
        } finally {
            done.countDown();
            later.join();
            threaded.close();
        }
    }
}
