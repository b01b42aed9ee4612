package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/** A config override of {@code @Bulkhead value} changes how many callers get in at once. */
class BulkheadOverrideTest {

    static volatile CountDownLatch entered;
    static volatile CountDownLatch release;

    @ApplicationScoped
    public static class Narrow {
        @Bulkhead(1)
        public void hold() throws InterruptedException {
            entered.countDown();
            release.await();
        }
    }

    @Test
    void shouldAdmitAsManyCallersAsTheOverrideSays() throws Exception {
        Map<String, String> config = Map.of(Narrow.class.getName() + "/hold/Bulkhead/value", "2");
        try (Deployment d = Deployment.of(config, Narrow.class)) {
            Narrow bean = d.bean(Narrow.class);
            entered = new CountDownLatch(2);
            release = new CountDownLatch(1);
            // Own threads: the common pool may have a single one, and the two callers must run side by side.
            ExecutorService callers = Executors.newFixedThreadPool(2);
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> call(bean), callers);
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> call(bean), callers);
            try {
                assertTrue(entered.await(10, TimeUnit.SECONDS), "two callers inside, where the annotation says one");
                assertThrows(BulkheadException.class, bean::hold);
            } finally {
                release.countDown();
                callers.shutdown();
            }
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        }
    }

    private static void call(Narrow bean) {
        try {
            bean.hold();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
