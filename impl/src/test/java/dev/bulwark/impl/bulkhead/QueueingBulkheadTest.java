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

    private void submitAll(String... names) {
        for (String n : names) {
            bulkhead.submit(task(n));
        }
    }

    @Test
    void shouldStartTasksUpToTheLimitAtOnce() {
        assertEquals(Admission.STARTED, bulkhead.submit(task("a")));
        assertEquals(Admission.STARTED, bulkhead.submit(task("b")));
        assertEquals(List.of("a", "b"), started);
        assertEquals(2, bulkhead.running());
    }

    @Test
    void shouldQueueTasksBeyondTheLimitUpToTheQueueSize() {
        submitAll("a", "b");
        assertEquals(Admission.QUEUED, bulkhead.submit(task("c")));
        assertEquals(Admission.QUEUED, bulkhead.submit(task("d")));
        assertEquals(List.of("a", "b"), started, "queued tasks do not start yet");
        assertEquals(2, bulkhead.waiting());
    }

    @Test
    void shouldRejectATaskWhenTheQueueIsFull() {
        submitAll("a", "b", "c", "d");
        assertEquals(Admission.REJECTED, bulkhead.submit(task("e")));
        assertEquals(2, bulkhead.running());
        assertEquals(2, bulkhead.waiting());
        assertFalse(started.contains("e"));
    }

    @Test
    void shouldStartWaitersInArrivalOrderAsPlacesFree() {
        submitAll("a", "b", "c", "d");
        bulkhead.release();
        assertEquals(List.of("a", "b", "c"), started);
        bulkhead.release();
        assertEquals(List.of("a", "b", "c", "d"), started);
    }

    @Test
    void shouldHandTheFreedPlaceToTheWaiterWithoutFreeingIt() {
        submitAll("a", "b", "c");
        bulkhead.release();
        assertEquals(2, bulkhead.running());
        assertEquals(0, bulkhead.waiting());
    }

    @Test
    void shouldFreeEveryPlaceOnceAllTasksAreReleased() {
        submitAll("a", "b", "c", "d");
        for (int i = 0; i < 4; i++) {
            bulkhead.release();
        }
        assertEquals(0, bulkhead.running());
        assertEquals(0, bulkhead.waiting());
    }

    @Test
    void shouldAcceptAgainOnceTheQueueHasRoom() {
        submitAll("a", "b", "c", "d");
        bulkhead.release();
        assertEquals(Admission.QUEUED, bulkhead.submit(task("e")));
    }

    @Test
    void shouldNeverStartACancelledWaiter() {
        submitAll("a", "b");
        Runnable c = task("c");
        bulkhead.submit(c);
        submitAll("d");
        assertTrue(bulkhead.cancelWaiting(c));
        bulkhead.release();
        assertEquals(List.of("a", "b", "d"), started);
        assertEquals(0, bulkhead.waiting());
    }

    @Test
    void shouldMakeRoomInTheQueueForACancelledWaiter() {
        submitAll("a", "b", "c");
        Runnable d = task("d");
        bulkhead.submit(d);
        bulkhead.cancelWaiting(d);
        assertEquals(Admission.QUEUED, bulkhead.submit(task("e")));
    }

    @Test
    void shouldNotCancelATaskThatAlreadyStarted() {
        Runnable a = task("a");
        bulkhead.submit(a);
        assertFalse(bulkhead.cancelWaiting(a));
        assertEquals(1, bulkhead.running());
    }

    @Test
    void shouldNotCancelAWaiterTwice() {
        submitAll("a", "b");
        Runnable c = task("c");
        bulkhead.submit(c);
        assertTrue(bulkhead.cancelWaiting(c));
        assertFalse(bulkhead.cancelWaiting(c));
    }
}
