package dev.bulwark.cdi;

import static dev.bulwark.cdi.DefinitionErrors.assertMentions;
import static dev.bulwark.cdi.DefinitionErrors.definitionError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.PartitionKey;
import dev.bulwark.api.PartitionKeyResolver;
import dev.bulwark.api.PartitionedBy;
import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * Partitions on Weld: one rate limit, breaker and bulkhead per key, bounded and evicted without losing a protection,
 * an overflow partition, the null key, untrusted keys that cannot reach each other's state, maintenance per key, and
 * definition errors.
 */
class PartitionCdiTest {

    static final String BREAKER = PartitionCdiTest.Service.class.getName() + ".host";
    static volatile CountDownLatch release = new CountDownLatch(0);

    @ApplicationScoped
    public static class Service {
        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.MINUTES)
        public String perKey(@PartitionKey String apiKey) {
            return "ok " + apiKey;
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
        public String host(@PartitionKey String host, boolean fail) {
            if (fail) {
                throw new IllegalStateException(host + " is down");
            }
            return "ok " + host;
        }

        @Bulkhead(2)
        public String tenant(@PartitionKey String tenant, CountDownLatch entered) throws InterruptedException {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "done " + tenant;
        }

        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.MINUTES)
        @PartitionedBy(CurrentTenant.class)
        public String byResolver() {
            return "ok";
        }
    }

    /** The tenant of the calling thread, as a request filter would set it. */
    public static class CurrentTenant implements PartitionKeyResolver {
        static final ThreadLocal<String> TENANT = new ThreadLocal<>();

        @Override
        public String keyOf(ExecutionContext context) {
            return TENANT.get();
        }
    }

    @ApplicationScoped
    public static class TwoKeys {
        @RateLimit(10)
        public void call(@PartitionKey String a, @PartitionKey String b) {
        }
    }

    @ApplicationScoped
    public static class KeyAndResolver {
        @RateLimit(10)
        @PartitionedBy(CurrentTenant.class)
        public void call(@PartitionKey String a) {
        }
    }

    @ApplicationScoped
    public static class NothingToPartition {
        @Retry
        public void call(@PartitionKey String a) {
        }
    }

    @Test
    void twoKeysGetExactlyTheirOwnLimit() {
        try (Deployment d = Deployment.of(Service.class)) {
            Service bean = d.bean(Service.class);
            assertEquals("ok a", bean.perKey("a"));
            assertEquals("ok a", bean.perKey("a"));
            assertThrows(RateLimitException.class, () -> bean.perKey("a"));
            assertEquals("ok b", bean.perKey("b"));
            assertEquals("ok b", bean.perKey("b"));
            assertThrows(RateLimitException.class, () -> bean.perKey("b"));
        }
    }

    @Test
    void oneHostsBreakerOpensWhileAnothersStaysClosedAndMaintenanceSeesEachKey() {
        try (Deployment d = Deployment.of(Service.class)) {
            Service bean = d.bean(Service.class);
            CircuitBreakerMaintenance maintenance = d.bean(CircuitBreakerMaintenance.class);
            assertThrows(IllegalStateException.class, () -> bean.host("a", true));
            assertThrows(IllegalStateException.class, () -> bean.host("a", true));
            assertThrows(CircuitBreakerOpenException.class, () -> bean.host("a", false));
            assertEquals("ok b", bean.host("b", false));

            assertEquals(CircuitState.OPEN, maintenance.currentState(BREAKER, "a"));
            assertEquals(CircuitState.CLOSED, maintenance.currentState(BREAKER, "b"));
            assertEquals(CircuitState.CLOSED, maintenance.currentState(BREAKER, "never seen"));
            assertEquals(Set.of("a", "b"), maintenance.partitionKeys(BREAKER));
            maintenance.reset(BREAKER, "a");
            assertEquals("ok a", bean.host("a", false));
            assertThrows(IllegalArgumentException.class, () -> maintenance.currentState("no such", "a"));
        }
    }

    @Test
    void aPerTenantBulkheadOfTwoAdmitsTwoOfEachTenant() throws Exception {
        release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (Deployment d = Deployment.of(Service.class)) {
            Service bean = d.bean(Service.class);
            CountDownLatch entered = new CountDownLatch(4);
            List<CompletableFuture<String>> calls = List.of("t1", "t1", "t2", "t2").stream()
                    .map(t -> CompletableFuture.supplyAsync(() -> tenant(bean, t, entered), callers)).toList();
            assertTrue(entered.await(10, TimeUnit.SECONDS), "two of each tenant inside");
            assertThrows(BulkheadException.class, () -> bean.tenant("t1", new CountDownLatch(1)));
            assertThrows(BulkheadException.class, () -> bean.tenant("t2", new CountDownLatch(1)));
            release.countDown();
            for (CompletableFuture<String> call : calls) {
                assertTrue(call.get(10, TimeUnit.SECONDS).startsWith("done"));
            }
        } finally {
            release.countDown();
            callers.shutdown();
        }
    }

    @Test
    void twentyThousandKeysStayWithinTheBoundAndAnOpenBreakerIsNeverEvicted() {
        try (Deployment d = Deployment.of(Map.of("bulwark.partitions.max", "100"), Service.class)) {
            Service bean = d.bean(Service.class);
            CircuitBreakerMaintenance maintenance = d.bean(CircuitBreakerMaintenance.class);
            assertThrows(IllegalStateException.class, () -> bean.host("open", true));
            assertThrows(IllegalStateException.class, () -> bean.host("open", true));
            for (int i = 0; i < 20_000; i++) {
                assertEquals("ok k" + i, bean.host("k" + i, false));
            }
            assertTrue(maintenance.partitionKeys(BREAKER).size() <= 100, "bounded");
            assertEquals(CircuitState.OPEN, maintenance.currentState(BREAKER, "open"), "the open breaker stayed");
            assertThrows(CircuitBreakerOpenException.class, () -> bean.host("open", false));
        }
    }

    @Test
    void newKeysShareTheOverflowPartitionWhenNothingCanBeEvicted() {
        try (Deployment d = Deployment.of(Map.of("bulwark.partitions.max", "2"), Service.class)) {
            Service bean = d.bean(Service.class);
            CircuitBreakerMaintenance maintenance = d.bean(CircuitBreakerMaintenance.class);
            for (String host : List.of("a", "b")) {
                assertThrows(IllegalStateException.class, () -> bean.host(host, true));
                assertThrows(IllegalStateException.class, () -> bean.host(host, true));
            }
            assertEquals("ok c", bean.host("c", false), "c runs, in the overflow partition");
            assertEquals(Set.of("a", "b"), maintenance.partitionKeys(BREAKER), "no protection was evicted for it");
        }
    }

    @Test
    void theNullKeyHasAPartitionOfItsOwn() {
        try (Deployment d = Deployment.of(Service.class)) {
            Service bean = d.bean(Service.class);
            bean.perKey(null);
            bean.perKey(null);
            assertThrows(RateLimitException.class, () -> bean.perKey(null));
            assertEquals("ok null", bean.perKey("null"), "the string \"null\" is another key");
        }
    }

    @Test
    void untrustedKeysNeverReachEachOthersStateAndALongKeyIsHashed() {
        String huge = "x".repeat(1 << 20);
        List<String> keys = List.of("a:b", "a", "b", "{x}", "x", "*", "a\nb", "", " ", "~null", huge, huge + "y");
        try (Deployment d = Deployment.of(Service.class)) {
            Service bean = d.bean(Service.class);
            for (String key : keys) {
                bean.perKey(key);
                bean.perKey(key);
                assertThrows(RateLimitException.class, () -> bean.perKey(key), "each key has its own 2");
            }
            CircuitBreakerMaintenance maintenance = d.bean(CircuitBreakerMaintenance.class);
            bean.host(huge, false);
            Set<String> held = maintenance.partitionKeys(BREAKER);
            assertEquals(1, held.size());
            String id = held.iterator().next();
            assertTrue(id.startsWith("#") && id.length() == 65, "a 1 MB key is held as its SHA-256: " + id.length());
            assertFalse(held.contains(huge));
        }
    }

    @Test
    void aResolverGivesTheKeyOfACallThatHasNoKeyArgument() {
        try (Deployment d = Deployment.of(Service.class)) {
            Service bean = d.bean(Service.class);
            CurrentTenant.TENANT.set("acme");
            bean.byResolver();
            assertThrows(RateLimitException.class, bean::byResolver);
            CurrentTenant.TENANT.set("globex");
            assertEquals("ok", bean.byResolver());
        } finally {
            CurrentTenant.TENANT.remove();
        }
    }

    @Test
    void twoKeyParametersFailDeployment() {
        assertMentions(definitionError(TwoKeys.class).getMessage(), TwoKeys.class.getName() + ".call()",
                "@PartitionKey is on parameters [0, 1]");
    }

    @Test
    void aKeyParameterBesidePartitionedByFailsDeployment() {
        assertMentions(definitionError(KeyAndResolver.class).getMessage(), KeyAndResolver.class.getName() + ".call()",
                "@PartitionKey (parameter 0) and @PartitionedBy(", "keep one");
    }

    @Test
    void aKeyOnAMethodWithNothingToPartitionFailsDeployment() {
        assertMentions(definitionError(NothingToPartition.class).getMessage(),
                NothingToPartition.class.getName() + ".call()", "the method has none of them");
    }

    @Test
    void withTheMetricsTagEachPartitionsSeriesCarryItsKeyAndTheMethodsDoNot() {
        AdaptiveBulkheadCdiTest.Registry.INSTANCE = new SimpleMeterRegistry();
        try (Deployment d = Deployment.of(Map.of("bulwark.partitions.metrics-tag", "true"), Service.class,
                AdaptiveBulkheadCdiTest.Registry.class)) {
            Service bean = d.bean(Service.class);
            bean.host("a", false);
            bean.host("a", false);
            assertThrows(IllegalStateException.class, () -> bean.host("b", true));
            MeterRegistry registry = AdaptiveBulkheadCdiTest.Registry.INSTANCE;
            assertEquals(2.0, registry.get("ft.circuitbreaker.calls.total").tag("method", BREAKER)
                    .tag("partition", "a").tag("circuitBreakerResult", "success").counter().count());
            assertEquals(1.0, registry.get("ft.circuitbreaker.calls.total").tag("method", BREAKER)
                    .tag("partition", "b").tag("circuitBreakerResult", "failure").counter().count());
            assertEquals(2.0, registry.get("ft.partitions.live").tag("method", BREAKER).gauge().value());
        }
    }

    @Test
    void aMetricsTagThatIsNotABooleanFailsDeploymentNamingTheKey() {
        assertMentions(definitionError(Map.of("bulwark.partitions.metrics-tag", "yes"), Service.class).getMessage(),
                "config key bulwark.partitions.metrics-tag must be true or false, was yes");
    }

    @Test
    void anInvalidBoundFailsDeploymentNamingTheKey() {
        assertMentions(definitionError(Map.of("bulwark.partitions.max", "0"), Service.class).getMessage(),
                "config key bulwark.partitions.max must be an int >= 1, was 0");
    }

    private static String tenant(Service bean, String tenant, CountDownLatch entered) {
        try {
            return bean.tenant(tenant, entered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
