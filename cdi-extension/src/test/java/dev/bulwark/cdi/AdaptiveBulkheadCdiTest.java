package dev.bulwark.cdi;

import static dev.bulwark.cdi.DefinitionErrors.assertMentions;
import static dev.bulwark.cdi.DefinitionErrors.definitionError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.AdaptiveAlgorithm;
import dev.bulwark.api.AdaptiveBulkhead;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/**
 * {@code @AdaptiveBulkhead} on CDI beans: its limit holds callers out with MP FT's {@code BulkheadException} (which
 * {@code @Fallback} sees as from {@code @Bulkhead}), MP Config overrides its parameters, its limit is a gauge, and a
 * bad definition fails deployment naming the parameter.
 */
class AdaptiveBulkheadCdiTest {

    static volatile CountDownLatch entered;
    static volatile CountDownLatch release;

    @ApplicationScoped
    public static class Registry {
        /** One per deployment: a registry keeps the first gauge of a name, and tests deploy the bean again. */
        static volatile SimpleMeterRegistry INSTANCE = new SimpleMeterRegistry();

        @Produces
        @ApplicationScoped
        MeterRegistry registry() {
            return INSTANCE;
        }
    }

    @ApplicationScoped
    public static class Service {
        @AdaptiveBulkhead(initialLimit = 1, maxLimit = 4)
        public String hold() throws InterruptedException {
            entered.countDown();
            release.await();
            return "done";
        }

        @AdaptiveBulkhead(algorithm = AdaptiveAlgorithm.VEGAS, initialLimit = 1, maxLimit = 1)
        @Fallback(fallbackMethod = "busy")
        public String holdOrFallBack() throws InterruptedException {
            return hold();
        }

        String busy() {
            return "busy";
        }

        @Asynchronous
        @AdaptiveBulkhead(initialLimit = 1, maxLimit = 1, waitingTaskQueue = 1)
        public CompletionStage<String> queued() throws InterruptedException {
            return CompletableFuture.completedFuture(hold());
        }
    }

    @ApplicationScoped
    public static class Both {
        @Bulkhead(2)
        @AdaptiveBulkhead
        public void call() {
        }
    }

    @ApplicationScoped
    public static class BadLimits {
        @AdaptiveBulkhead(minLimit = 10, initialLimit = 5)
        public void call() {
        }
    }

    @Test
    void aCallOverTheLimitIsRejectedAndTheFallbackSeesABulkheadRejection() throws Exception {
        Registry.INSTANCE = new SimpleMeterRegistry();
        try (Deployment d = Deployment.of(Service.class, Registry.class)) {
            Service bean = d.bean(Service.class);
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            ExecutorService callers = Executors.newFixedThreadPool(1);
            try {
                CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> call(bean), callers);
                assertTrue(entered.await(10, TimeUnit.SECONDS));
                assertThrows(BulkheadException.class, bean::hold);
                release.countDown();
                assertEquals("done", first.get(10, TimeUnit.SECONDS));
            } finally {
                callers.shutdown();
            }
            assertEquals(1.0, Registry.INSTANCE.get("ft.bulkhead.limit")
                    .tag("method", Service.class.getName() + ".hold").gauge().value());
            assertEquals(1.0, Registry.INSTANCE.get("ft.bulkhead.calls.total")
                    .tag("method", Service.class.getName() + ".hold").tag("bulkheadResult", "rejected").counter()
                    .count());

            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            callers = Executors.newFixedThreadPool(1);
            try {
                CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                    try {
                        return bean.holdOrFallBack();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, callers);
                assertTrue(entered.await(10, TimeUnit.SECONDS));
                assertEquals("busy", bean.holdOrFallBack());
                release.countDown();
                assertEquals("done", first.get(10, TimeUnit.SECONDS));
            } finally {
                callers.shutdown();
            }
        }
    }

    @Test
    void anAsynchronousCallWaitsInTheQueueAndOneMoreIsRejected() throws Exception {
        try (Deployment d = Deployment.of(Service.class, Registry.class)) {
            Service bean = d.bean(Service.class);
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            CompletableFuture<String> running = bean.queued().toCompletableFuture();
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<String> waiting = bean.queued().toCompletableFuture();
            ExecutionException rejected = assertThrows(ExecutionException.class,
                    () -> bean.queued().toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(rejected.getCause() instanceof BulkheadException, rejected.getCause().toString());
            release.countDown();
            assertEquals("done", running.get(10, TimeUnit.SECONDS));
            assertEquals("done", waiting.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aConfigOverrideRaisesTheLimit() throws Exception {
        Map<String, String> config = Map.of(Service.class.getName() + "/hold/AdaptiveBulkhead/initialLimit", "2");
        try (Deployment d = Deployment.of(config, Service.class, Registry.class)) {
            Service bean = d.bean(Service.class);
            entered = new CountDownLatch(2);
            release = new CountDownLatch(1);
            ExecutorService callers = Executors.newFixedThreadPool(2);
            try {
                CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> call(bean), callers);
                CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> call(bean), callers);
                assertTrue(entered.await(10, TimeUnit.SECONDS), "two callers inside, where the annotation says one");
                assertThrows(BulkheadException.class, bean::hold);
                release.countDown();
                first.get(10, TimeUnit.SECONDS);
                second.get(10, TimeUnit.SECONDS);
            } finally {
                callers.shutdown();
            }
        }
    }

    @Test
    void withBulkheadOnOneMethodDeploymentFails() {
        assertMentions(definitionError(Both.class).getMessage(), Both.class.getName() + ".call()",
                "@AdaptiveBulkhead and @Bulkhead exclude each other");
    }

    @Test
    void anInitialLimitOutsideItsBoundsFailsDeploymentNamingTheParameterAndKey() {
        assertMentions(definitionError(BadLimits.class).getMessage(), BadLimits.class.getName() + ".call()",
                "@AdaptiveBulkhead initialLimit must be between minLimit (10) and maxLimit (200)", "was 5");
        String key = "AdaptiveBulkhead/minLimit";
        assertMentions(definitionError(Map.of(key, "0"), Service.class).getMessage(),
                "@AdaptiveBulkhead minLimit must be >= 1, was 0", "config key " + key);
    }

    private static String call(Service bean) {
        try {
            return bean.hold();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
