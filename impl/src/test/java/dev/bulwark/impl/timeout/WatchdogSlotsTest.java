package dev.bulwark.impl.timeout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.testing.VirtualTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's slots follow the calls in flight, not the threads ever seen: ten thousand virtual threads that each
 * made a timed call and live on leave a handful of slots to scan, not ten thousand. Runs on JDK 21+ (CI's JDK 25
 * pass); skipped on 17, which has no virtual threads.
 */
class WatchdogSlotsTest {

    /** A virtual thread per task, or the test is skipped on a JDK without them. */
    private static ExecutorService virtualThreads() throws ReflectiveOperationException {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException jdk17) {
            assumeTrue(false, "no virtual threads on this JDK (" + Runtime.version() + ")");
            throw new AssertionError("unreachable");
        }
    }

    @Test
    void shouldNotKeepASlotPerVirtualThreadEverSeen() throws Exception {
        ExecutorService virtualThreads = virtualThreads();
        VirtualTime time = new VirtualTime();
        TimeoutWatchdog watchdog = TimeoutWatchdog.driven(time);
        int threads = 10_000;
        CountDownLatch called = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < threads; i++) {
                virtualThreads.execute(() -> {
                    TimeoutWatchdog.Slot slot = watchdog.arm(TimeUnit.SECONDS.toNanos(1));
                    assertFalse(watchdog.disarm(slot));
                    called.countDown();
                    try {
                        release.await(); // alive, idle: what a server's parked virtual threads are
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(called.await(60, TimeUnit.SECONDS));
            int slots = watchdog.slotCount();
            assertTrue(slots <= 256, "the watchdog scans " + slots + " slots for " + threads + " idle threads");
        } finally {
            release.countDown();
            virtualThreads.shutdown();
            virtualThreads.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldStillInterruptAVirtualThreadThatOverruns() throws Exception {
        ExecutorService virtualThreads = virtualThreads();
        VirtualTime time = new VirtualTime();
        TimeoutWatchdog watchdog = TimeoutWatchdog.driven(time);
        CountDownLatch armed = new CountDownLatch(1);
        var outcome = new java.util.concurrent.CompletableFuture<Boolean>();
        virtualThreads.execute(() -> {
            TimeoutWatchdog.Slot slot = watchdog.arm(100);
            armed.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException interruptedByTheWatchdog) {
                // expected
            }
            outcome.complete(watchdog.disarm(slot));
        });
        assertTrue(armed.await(10, TimeUnit.SECONDS));
        time.advance(100);
        watchdog.tick();
        assertTrue(outcome.get(10, TimeUnit.SECONDS), "the overrun was fired");
        virtualThreads.shutdown();
    }
}
