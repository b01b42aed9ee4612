package dev.bulwark.impl.bulkhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.impl.bulkhead.QueueingBulkhead.Admission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueingBulkheadTest {

    private final List<String> started = new ArrayList<>();
    private final QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadSpec(2, 2));

    private Runnable task(String name) {
        return () -> started.add(name);
    }

    @Test
    void shouldRunUpToTheLimitQueueUpToTheQueueSizeAndRejectTheRest() {
        assertEquals(Admission.STARTED, bulkhead.submit(task("a")));
        assertEquals(Admission.STARTED, bulkhead.submit(task("b")));
        assertEquals(Admission.QUEUED, bulkhead.submit(task("c")));
        assertEquals(Admission.QUEUED, bulkhead.submit(task("d")));
        assertEquals(Admission.REJECTED, bulkhead.submit(task("e")));
        assertEquals(List.of("a", "b"), started);
        assertEquals(2, bulkhead.running());
        assertEquals(2, bulkhead.waiting());
    }

    @Test
    void shouldStartWaitersInArrivalOrderAsPlacesFree() {
        for (String n : List.of("a", "b", "c", "d")) {
            bulkhead.submit(task(n));
        }
        bulkhead.release();
        assertEquals(List.of("a", "b", "c"), started);
        bulkhead.release();
        bulkhead.release();
        bulkhead.release();
        assertEquals(List.of("a", "b", "c", "d"), started);
        assertEquals(0, bulkhead.running());
        assertEquals(0, bulkhead.waiting());
    }

    @Test
    void shouldForgetACancelledWaiter() {
        bulkhead.submit(task("a"));
        bulkhead.submit(task("b"));
        Runnable c = task("c");
        bulkhead.submit(c);
        assertTrue(bulkhead.cancelWaiting(c));
        assertFalse(bulkhead.cancelWaiting(c));
        bulkhead.release();
        assertEquals(List.of("a", "b"), started);
        assertEquals(1, bulkhead.running());
    }

    @Test
    void shouldRejectOnceTheSemaphoreIsFull() {
        SemaphoreBulkhead semaphore = new SemaphoreBulkhead(new BulkheadSpec(2, 1));
        assertTrue(semaphore.tryAcquire());
        assertTrue(semaphore.tryAcquire());
        assertFalse(semaphore.tryAcquire());
        semaphore.release();
        assertTrue(semaphore.tryAcquire());
    }
}
