package dev.bulwark.cdi;

import static dev.bulwark.cdi.DefinitionErrors.assertMentions;
import static dev.bulwark.cdi.DefinitionErrors.definitionError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.Hedge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.junit.jupiter.api.Test;

/**
 * {@code @Hedge} on CDI beans: a second attempt answers for a first that hangs ({@code @Asynchronous} and Uni), a
 * failed attempt starts the next at once up to {@code maxAttempts} (which MP Config overrides), the attempts and
 * hedges won are counted, and a synchronous method or a bad value fails deployment naming the parameter or key.
 */
class HedgeCdiTest {

    static final AtomicInteger attempts = new AtomicInteger();
    static volatile CountDownLatch release = new CountDownLatch(0);
    static volatile CountDownLatch interrupted = new CountDownLatch(1);

    @ApplicationScoped
    public static class Registry {
        static volatile SimpleMeterRegistry INSTANCE = new SimpleMeterRegistry();

        @Produces
        @ApplicationScoped
        MeterRegistry registry() {
            return INSTANCE;
        }
    }

    @ApplicationScoped
    public static class Service {
        /** The first attempt hangs until released; the hedge, 20 ms later, answers at once. */
        @Asynchronous
        @Hedge(delay = 20)
        public CompletionStage<String> offloaded() throws InterruptedException {
            if (attempts.incrementAndGet() == 1) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return CompletableFuture.completedFuture("first");
            }
            return CompletableFuture.completedFuture("hedge");
        }

        @Hedge(delay = 20)
        public Uni<String> uni() {
            if (attempts.incrementAndGet() == 1) {
                return Uni.createFrom().emitter(emitter -> { }); // never answers
            }
            return Uni.createFrom().item("hedge");
        }

        @Hedge(delay = 10_000)
        @Fallback(fallbackMethod = "fallback")
        public Uni<String> failing() {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("down"));
        }

        Uni<String> fallback() {
            return Uni.createFrom().item("fallback after " + attempts.get());
        }
    }

    @ApplicationScoped
    public static class Synchronous {
        @Hedge
        public String call() {
            return "sync";
        }
    }

    @ApplicationScoped
    public static class BadValues {
        @Hedge(maxAttempts = 1, delayPercentile = 100)
        public Uni<String> call() {
            return Uni.createFrom().item("x");
        }
    }

    @Test
    void theHedgeAnswersForAnOffloadedAttemptThatHangs() throws Exception {
        Registry.INSTANCE = new SimpleMeterRegistry();
        attempts.set(0);
        release = new CountDownLatch(1);
        try (Deployment d = Deployment.of(Service.class, Registry.class)) {
            try {
                assertEquals("hedge", d.bean(Service.class).offloaded().toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
            } finally {
                release.countDown();
            }
            String method = Service.class.getName() + ".offloaded";
            assertEquals(2.0, Registry.INSTANCE.get("ft.hedge.attempts.total").tag("method", method).counter()
                    .count());
            assertEquals(1.0, Registry.INSTANCE.get("ft.hedge.won.total").tag("method", method).counter().count());
        }
    }

    @Test
    void theHedgeAnswersForAUniThatNeverDoes() {
        attempts.set(0);
        try (Deployment d = Deployment.of(Service.class, Registry.class)) {
            assertEquals("hedge", d.bean(Service.class).uni().await().atMost(Duration.ofSeconds(10)));
            assertEquals(2, attempts.get());
        }
    }

    @Test
    void aFailedAttemptStartsTheNextAtOnceAndMaxAttemptsIsConfigurable() {
        attempts.set(0);
        try (Deployment d = Deployment.of(Service.class, Registry.class)) {
            assertEquals("fallback after 2", d.bean(Service.class).failing().await().atMost(Duration.ofSeconds(10)),
                    "two attempts, the second without waiting the 10 s delay");
        }
        attempts.set(0);
        Map<String, String> config = Map.of(Service.class.getName() + "/failing/Hedge/maxAttempts", "4");
        try (Deployment d = Deployment.of(config, Service.class, Registry.class)) {
            assertEquals("fallback after 4", d.bean(Service.class).failing().await().atMost(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aDisabledHedgeStartsOneAttempt() throws Exception {
        attempts.set(0);
        try (Deployment d = Deployment.of(Map.of("Hedge/enabled", "false"), Service.class, Registry.class)) {
            assertEquals("fallback after 1", d.bean(Service.class).failing().await().atMost(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aSynchronousMethodWithHedgeFailsDeployment() {
        assertMentions(definitionError(Synchronous.class).getMessage(), Synchronous.class.getName() + ".call()",
                "@Hedge needs an asynchronous method", "no thread to race");
    }

    @Test
    void badValuesFailDeploymentNamingTheParameterAndKey() {
        String message = definitionError(BadValues.class).getMessage();
        assertMentions(message, BadValues.class.getName() + ".call()", "@Hedge maxAttempts must be between 2 and 10",
                "was 1", "@Hedge delayPercentile must be 0 (off) or above 0 and below 100");
        String key = "Hedge/delay";
        assertMentions(definitionError(Map.of(key, "-5"), Service.class).getMessage(), "@Hedge delay must be >= 0",
                "was -5", "config key " + key);
    }

    @Test
    void aHangingFirstAttemptIsInterruptedOnceTheHedgeWins() throws Exception {
        attempts.set(0);
        interrupted = new CountDownLatch(1);
        release = new CountDownLatch(1);
        try (Deployment d = Deployment.of(Service.class, Registry.class)) {
            assertEquals("hedge", d.bean(Service.class).offloaded().toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the loser's thread is interrupted");
            assertEquals(2, attempts.get());
        } finally {
            release.countDown();
        }
    }
}
