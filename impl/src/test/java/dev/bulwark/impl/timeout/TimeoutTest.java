package dev.bulwark.impl.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.time.ManualTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final ManualTime time = new ManualTime();
    private final Engine engine = Engine.builder().virtualTime(time).build();

    private Operation withTimeout(long nanos) {
        return engine.operation(OperationSpec.builder("slow").timeout(new TimeoutSpec(nanos)).build());
    }

    /** Runs {@code op} on a worker thread whose action blocks until interrupted; returns what the call threw. */
    private CompletableFuture<Throwable> blockedCall(Operation op, CountDownLatch entered) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                op.call(() -> {
                    entered.countDown();
                    new CountDownLatch(1).await(); // until interrupted
                    return null;
                }, null);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
                if (Thread.currentThread().isInterrupted()) {
                    outcome.obtrudeValue(new AssertionError("interrupt flag leaked"));
                }
            }
        });
        worker.start();
        return outcome;
    }

    @Test
    void shouldInterruptTheCallersThreadOnceTheDeadlinePasses() throws Exception {
        Operation op = withTimeout(SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = blockedCall(op, entered);
        entered.await();

        time.advance(SECOND - 1);
        assertEquals(Long.valueOf(0), Long.valueOf(engine.watchdog().tick() - (SECOND)), "one deadline armed");
        assertFalse(outcome.isDone());

        time.advance(1);
        engine.watchdog().tick();
        assertInstanceOf(TimeoutException.class, outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldNotInterruptACallThatEndsInTime() throws Exception {
        Operation op = withTimeout(SECOND);
        assertEquals("fast", op.call(() -> "fast", null));
        time.advance(2 * SECOND);
        assertEquals(Long.MAX_VALUE, engine.watchdog().tick(), "nothing left armed");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void shouldReportTimeoutEvenWhenTheActionIgnoresTheInterrupt() throws Exception {
        Operation op = withTimeout(SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch fired = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                op.call(() -> {
                    entered.countDown();
                    fired.await(); // returns normally once the watchdog has fired
                    return "late";
                }, null);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        worker.start();
        entered.await();
        time.advance(SECOND);
        engine.watchdog().tick();
        // the interrupt already ended fired.await(); counting down covers the case it was not blocked yet
        fired.countDown();
        assertInstanceOf(TimeoutException.class, outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldKeepNestedDeadlinesApart() throws Exception {
        Operation outer = withTimeout(10 * SECOND);
        Operation inner = withTimeout(SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.complete(outer.call(() -> {
                    try {
                        return inner.call(() -> {
                            entered.countDown();
                            new CountDownLatch(1).await();
                            return null;
                        }, null);
                    } catch (TimeoutException expected) {
                        return "inner timed out, outer went on";
                    }
                }, null));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        worker.start();
        entered.await();
        time.advance(SECOND);
        engine.watchdog().tick();
        assertEquals("inner timed out, outer went on", outcome.get(10, TimeUnit.SECONDS));
        assertEquals(Long.MAX_VALUE, engine.watchdog().tick());
    }

    @Test
    void shouldLeaveAnUnrelatedInterruptAlone() throws Exception {
        Operation op = withTimeout(SECOND);
        Thread.currentThread().interrupt();
        assertEquals("x", op.call(() -> "x", null));
        assertTrue(Thread.interrupted());
    }

    @Test
    void shouldInterruptWithTheRealWatchdogThread() throws Exception {
        try (Engine real = Engine.builder().build()) {
            Operation op = real.operation(OperationSpec.builder("real").timeout(
                    new TimeoutSpec(TimeUnit.MILLISECONDS.toNanos(50))).build());
            CompletableFuture<Throwable> outcome = blockedCall(op, new CountDownLatch(1));
            assertInstanceOf(TimeoutException.class, outcome.get(10, TimeUnit.SECONDS));
        }
    }
}
