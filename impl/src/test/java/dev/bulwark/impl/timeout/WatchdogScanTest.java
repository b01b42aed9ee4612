package dev.bulwark.impl.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bulwark.impl.time.Clock;
import dev.bulwark.testing.VirtualTime;
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
}
