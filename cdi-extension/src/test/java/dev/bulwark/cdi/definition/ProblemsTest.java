package dev.bulwark.cdi.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Problems reported from several deployment threads at once are all kept (Weld may deploy concurrently). */
class ProblemsTest {

    @Test
    void shouldKeepEveryProblemReportedConcurrently() throws Exception {
        Problems problems = new Problems();
        int threads = 8;
        int each = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        problems.add("problem " + thread + "-" + i);
                        problems.add("shared " + i); // the same problem met by several threads is one
                    }
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
        assertEquals(threads * each + each, problems.messages().size());
    }
}
