package dev.bulwark.impl.bulkhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link QueueingBulkhead#tryStart()}, the place a caller takes to run its own task (the non-blocking path): only
 * when a place is free and nobody waits, so that it never jumps the queue. And the sizes operators read.
 */
class QueueingBulkheadStartTest {

    private final QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadSpec(1, 1));

    @Test
    void shouldTakeAFreePlaceWhenNobodyWaits() {
        assertTrue(bulkhead.tryStart());
        assertEquals(1, bulkhead.running());
    }

    @Test
    void shouldRefuseWhenEveryPlaceIsTaken() {
        assertTrue(bulkhead.tryStart());
        assertFalse(bulkhead.tryStart());
        assertEquals(1, bulkhead.running(), "the refusal took nothing");
    }

    @Test
    void shouldNotJumpTheQueueWhenAPlaceIsHandedToAWaiter() {
        assertTrue(bulkhead.tryStart());
        bulkhead.submit(() -> { });
        assertEquals(1, bulkhead.waiting());
        bulkhead.release(); // the place goes to the waiter, not back to the pool
        assertFalse(bulkhead.tryStart());
    }

    @Test
    void shouldReportItsLimitAndQueueSize() {
        QueueingBulkhead sized = new QueueingBulkhead(new BulkheadSpec(4, 7));
        assertEquals(4, sized.limit());
        assertEquals(7, sized.queueSize());
    }
}
