package dev.bulwark.cdi;

import static dev.bulwark.cdi.DefinitionErrors.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * {@code bulwark.async.virtual-threads}: async attempts on virtual threads, bulkheads still the cap, nothing of ours
 * pinning a carrier (checked with JFR's {@code jdk.VirtualThreadPinned}), and a synchronous call made on a virtual
 * thread timed out and interrupted. Needs JDK 21+: on JDK 17 these tests are skipped (the CI's JDK 25 pass runs them).
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; CI runs this on JDK 25")
class VirtualThreadTest {

    private static final Map<String, String> VIRTUAL = Map.of("bulwark.async.virtual-threads", "true");

    @ApplicationScoped
    public static class Work {
        // Static: the test holds a client proxy, whose fields are not the bean's.
        static final AtomicInteger running = new AtomicInteger();
        static final AtomicInteger peak = new AtomicInteger();
        static final java.util.Set<Integer> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Asynchronous
        public CompletionStage<Boolean> whereAmI() {
            return CompletableFuture.completedFuture(isVirtual(Thread.currentThread()));
        }

        @Asynchronous
        @Bulkhead(value = 2, waitingTaskQueue = 20)
        @Retry(maxRetries = 2, delay = 5, jitter = 0)
        @Timeout(2_000)
        public CompletionStage<String> busy(int i) throws InterruptedException {
            int now = running.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(10);
            } finally {
                running.decrementAndGet();
            }
            if (i % 3 == 0 && failedOnce.add(i)) {
                throw new IllegalStateException("first attempt of " + i);
            }
            return CompletableFuture.completedFuture("done " + i);
        }

        @Timeout(50)
        public String slow() throws InterruptedException {
            Thread.sleep(10_000);
            return "never";
        }
    }

    static boolean isVirtual(Thread t) {
        try {
            Method m = Thread.class.getMethod("isVirtual");
            return (Boolean) m.invoke(t);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    @Test
    void shouldRunAsyncAttemptsOnVirtualThreads() throws Exception {
        try (Deployment d = Deployment.of(VIRTUAL, Work.class)) {
            assertTrue(d.bean(Work.class).whereAmI().toCompletableFuture().get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldKeepThePoolByDefault() throws Exception {
        try (Deployment d = Deployment.of(Work.class)) {
            assertFalse(d.bean(Work.class).whereAmI().toCompletableFuture().get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldRejectAnUnknownValueNamingTheKey() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Deployment.of(Map.of("bulwark.async.virtual-threads", "sometimes"), Work.class).close());
        assertMentions(DefinitionErrors.find(e).getMessage(), "bulwark.async.virtual-threads", "sometimes");
    }

    @Test
    void shouldKeepTheBulkheadAsTheCapAndPinNoCarrierThread() throws Exception {
        Path file = Files.createTempFile("bulwark-pinned", ".jfr");
        List<RecordedEvent> pinned = new ArrayList<>();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(java.time.Duration.ZERO).withStackTrace();
            recording.start();
            try (Deployment d = Deployment.of(VIRTUAL, Work.class)) {
                Work work = d.bean(Work.class);
                List<CompletableFuture<String>> calls = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    calls.add(work.busy(i).toCompletableFuture());
                }
                for (CompletableFuture<String> call : calls) {
                    assertTrue(call.get(20, TimeUnit.SECONDS).startsWith("done"));
                }
                assertTrue(Work.peak.get() <= 2, "the bulkhead caps concurrency: " + Work.peak.get());
                assertEquals(7, Work.failedOnce.size(), "every third call was retried once");
            }
            recording.stop();
            recording.dump(file);
        }
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getStackTrace() != null && event.getStackTrace().getFrames().stream()
                    .anyMatch(f -> f.getMethod().getType().getName().startsWith("dev.bulwark."))) {
                pinned.add(event);
            }
        }
        Files.deleteIfExists(file);
        assertEquals(List.of(), pinned, "no virtual thread pinned in Bulwark's code");
    }

    @Test
    void shouldTimeOutAndInterruptASynchronousCallOnAVirtualThread() throws Exception {
        try (Deployment d = Deployment.of(Work.class)) {
            Work work = d.bean(Work.class);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null,
                    (Runnable) () -> {
                        try {
                            work.slow();
                            outcome.complete(null);
                        } catch (Throwable t) {
                            outcome.complete(t);
                        }
                    });
            Throwable t = outcome.get(5, TimeUnit.SECONDS);
            assertTrue(t instanceof TimeoutException, String.valueOf(t));
            caller.join(5_000);
            assertTrue(isVirtual(caller));
        }
    }
}
