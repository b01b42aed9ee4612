package dev.bulwark.impl.bulkhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SemaphoreBulkheadTest {

    private final SemaphoreBulkhead bulkhead = new SemaphoreBulkhead(new BulkheadSpec(2, 1));

    @Test
    void shouldAdmitUpToTheLimit() {
        assertTrue(bulkhead.tryAcquire());
        assertTrue(bulkhead.tryAcquire());
        assertEquals(2, bulkhead.running());
    }

    @Test
    void shouldRejectOnceTheLimitIsReached() {
        bulkhead.tryAcquire();
        bulkhead.tryAcquire();
        assertFalse(bulkhead.tryAcquire());
        assertEquals(2, bulkhead.running(), "a rejection takes no place");
    }

    @Test
    void shouldAdmitAgainOnceAPlaceIsReleased() {
        bulkhead.tryAcquire();
        bulkhead.tryAcquire();
        bulkhead.release();
        assertTrue(bulkhead.tryAcquire());
    }

    @Test
    void shouldRejectALimitBelowOneNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BulkheadSpec(0, 1));
        assertEquals("value must be >= 1, was 0", e.getMessage());
    }

    @Test
    void shouldRejectAQueueBelowOneNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BulkheadSpec(1, 0));
        assertEquals("waitingTaskQueue must be >= 1, was 0", e.getMessage());
    }

    @Test
    void shouldNeverLetMoreThanTheLimitInUnderContention() throws Exception {
        int limit = 3;
        SemaphoreBulkhead contended = new SemaphoreBulkhead(new BulkheadSpec(limit, 1));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50_000; i++) {
                        if (contended.tryAcquire()) {
                            admitted.incrementAndGet();
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            inside.decrementAndGet();
                            contended.release();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(mostInside.get() <= limit, "at most " + limit + " at once, saw " + mostInside.get());
        assertTrue(admitted.get() > 0);
        assertEquals(0, contended.running());
    }
}
