package dev.bulwark.impl.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitStateListener;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.time.Clock;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One name is one breaker: a second claim of a name shares the breaker when the settings agree, else fails. */
class CircuitBreakerRegistryTest {

    private final Clock clock = () -> 0;
    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.isolated();

    private static CircuitBreakerSpec.Builder spec(String name) {
        return CircuitBreakerSpec.builder(4, 0.5, 1_000, 1, ExceptionMatcher.all()).name(name);
    }

    private CircuitBreaker breaker(CircuitBreakerSpec spec) {
        return new CircuitBreaker(spec, spec.name(), clock);
    }

    @Test
    void shouldShareTheRegisteredBreakerWhenTheSettingsAgree() {
        CircuitBreaker first = registry.claim(breaker(spec("stock").build()), "orders", null);
        CircuitBreaker second = registry.claim(breaker(spec("stock").build()), "reservations", null);
        assertSame(first, second);
        assertSame(first, registry.get("stock"));
    }

    @Test
    void shouldTreatExceptionListsAsSetsWhenComparingSettings() {
        ExceptionMatcher ab = ExceptionMatcher.of(List.of(IOException.class, IllegalStateException.class),
                List.of(RuntimeException.class));
        ExceptionMatcher ba = ExceptionMatcher.of(List.of(IllegalStateException.class, IOException.class),
                List.of(RuntimeException.class, RuntimeException.class));
        CircuitBreaker first = registry.claim(breaker(CircuitBreakerSpec.builder(4, 0.5, 1_000, 1, ab).name("io")
                .build()), "a", null);
        assertSame(first, registry.claim(breaker(CircuitBreakerSpec.builder(4, 0.5, 1_000, 1, ba).name("io")
                .build()), "b", null));
    }

    @Test
    void shouldFailNamingTheBreakerBothOwnersAndEverySettingThatDiffers() {
        registry.claim(breaker(spec("stock").build()), "orders", null);
        CircuitBreaker other = breaker(CircuitBreakerSpec.builder(4, 0.75, 1_000, 2, ExceptionMatcher.all())
                .name("stock").build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry.claim(other, "reservations", null));
        assertEquals("circuit breaker \"stock\" is already registered by \"orders\" with failureRatio=0.5,"
                + " successThreshold=1; \"reservations\" asks for failureRatio=0.75, successThreshold=2. One name is"
                + " one breaker: give both the same settings, or each its own name", e.getMessage());
    }

    @Test
    void shouldLeaveTheDirectoryAsItWasWhenAClaimFails() {
        CircuitBreaker first = registry.claim(breaker(spec("stock").build()), "orders", null);
        assertThrows(IllegalStateException.class,
                () -> registry.claim(breaker(spec("stock").consecutiveFailures(3).build()), "b", null));
        assertSame(first, registry.get("stock"));
        assertTrue(registry.unregister(first), "the failed claim did not count as a holder");
        assertNull(registry.get("stock"));
    }

    @Test
    void shouldFailWhenOnlyTheExceptionsCountedDiffer() {
        registry.claim(breaker(spec("stock").build()), "a", null);
        CircuitBreaker ioOnly = breaker(CircuitBreakerSpec.builder(4, 0.5, 1_000, 1,
                ExceptionMatcher.of(List.of(IOException.class), List.of())).name("stock").build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.claim(ioOnly, "b", null));
        assertTrue(e.getMessage().contains("failOn=ExceptionMatcher[included=[class java.io.IOException]"),
                e.getMessage());
    }

    @Test
    void shouldFailWhenTheListenersAreOtherObjects() {
        List<String> heard = new CopyOnWriteArrayList<>();
        CircuitStateListener one = (name, from, to) -> heard.add("one");
        CircuitStateListener two = (name, from, to) -> heard.add("two");
        registry.claim(breaker(spec("stock").listeners(List.of(one)).build()), "a", null);
        assertSame(registry.get("stock"), registry.claim(breaker(spec("stock").listeners(List.of(one)).build()),
                "b", null), "the same listener object agrees");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry.claim(breaker(spec("stock").listeners(List.of(two)).build()), "c", null));
        assertTrue(e.getMessage().contains("listeners="), e.getMessage());
    }

    @Test
    void shouldFailWhenTheBreakersRunOnDifferentClocks() {
        registry.claim(breaker(spec("stock").build()), "a", null);
        CircuitBreaker otherTime = new CircuitBreaker(spec("stock").build(), "stock", () -> 0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry.claim(otherTime, "b", null));
        assertTrue(e.getMessage().contains("clock="), e.getMessage());
    }

    @Test
    void shouldFailWhenTheSharedStorePlacesDiffer() {
        registry.claim(breaker(spec("stock").build()), "a", "store:stock");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry.claim(breaker(spec("stock").build()), "b", null));
        assertTrue(e.getMessage().contains("shared=store:stock; \"b\" asks for shared=null"), e.getMessage());
    }

    @Test
    void shouldKeepASharedBreakerUntilItsLastHolderUnregisters() {
        CircuitBreaker shared = registry.claim(breaker(spec("stock").build()), "a", null);
        registry.claim(breaker(spec("stock").build()), "b", null);
        assertEquals(false, registry.unregister(shared), "b still holds it");
        assertSame(shared, registry.get("stock"));
        assertTrue(registry.unregister(shared));
        assertNull(registry.get("stock"));
    }

    @Test
    void shouldGiveEveryConcurrentClaimOfOneNameOneBreaker() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                CircuitBreakerRegistry directory = CircuitBreakerRegistry.isolated();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<CircuitBreaker>> claims = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String owner = "guard-" + i;
                    claims.add(threads.submit(() -> {
                        start.await();
                        return directory.claim(breaker(spec("racy").build()), owner, null);
                    }));
                }
                start.countDown();
                List<CircuitBreaker> got = new java.util.ArrayList<>();
                for (Future<CircuitBreaker> claim : claims) {
                    got.add(claim.get(10, TimeUnit.SECONDS));
                }
                CircuitBreaker registered = directory.get("racy");
                for (CircuitBreaker each : got) {
                    assertSame(registered, each, "round " + round + ": every claim got the registered breaker");
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldLetANewerDeploymentTakeOverANameInTheProcessWideDirectory() {
        String name = "deployed-" + UUID.randomUUID();
        CircuitBreakerRegistry older = CircuitBreakerRegistry.forDeployment();
        CircuitBreakerRegistry newer = CircuitBreakerRegistry.forDeployment();
        CircuitBreaker old = older.claim(breaker(spec(name).build()), "app", null);
        // A redeployed application may come with other settings: it is not a conflict, the newer breaker wins.
        CircuitBreaker fresh = newer.claim(breaker(spec(name).consecutiveFailures(3).build()), "app", null);
        assertSame(fresh, CircuitBreakerRegistry.global().get(name));
        assertSame(old, older.get(name), "each deployment keeps exactly its own breaker");
        older.unregister(old);
        assertSame(fresh, CircuitBreakerRegistry.global().get(name), "the older one's release leaves the newer");
        newer.unregister(fresh);
        assertNull(CircuitBreakerRegistry.global().get(name));
    }

    @Test
    void shouldListTheNamesItHolds() {
        registry.claim(breaker(spec("stock").build()), "a", null);
        registry.claim(breaker(spec("prices").build()), "b", null);
        assertEquals(java.util.Set.of("stock", "prices"), registry.names());
    }

    @Test
    void shouldKeepADeploymentsSharedBreakerInTheProcessWideDirectoryUntilItsLastHolderGoes() {
        String name = "deployed-shared-" + UUID.randomUUID();
        CircuitBreakerRegistry deployment = CircuitBreakerRegistry.forDeployment();
        CircuitBreaker shared = deployment.claim(breaker(spec(name).build()), "a", null);
        deployment.claim(breaker(spec(name).build()), "b", null);
        deployment.unregister(shared);
        assertSame(shared, CircuitBreakerRegistry.global().get(name), "b still holds it");
        deployment.unregister(shared);
        assertNull(CircuitBreakerRegistry.global().get(name));
    }

    @Test
    void shouldCompareSpecsByEverySetting() {
        assertEquals(spec("a").timeWindow(1_000, 10).build(), spec("a").timeWindow(1_000, 10).build());
        assertEquals(spec("a").build().hashCode(), spec("a").build().hashCode());
        assertNotEquals(spec("a").build(), spec("b").build());
        assertNotEquals(spec("a").timeWindow(1_000, 10).build(), spec("a").timeWindow(1_000, 5).build());
        assertNotEquals(spec("a").slowCalls(100, 0.5).build(), spec("a").slowCalls(100, 0.6).build());
        assertNotEquals(spec("a").slowCalls(100, 0.5).build(), spec("a").slowCalls(200, 0.5).build());
        assertNotEquals(spec("a").timeWindow(2_000, 10).build(), spec("a").timeWindow(1_000, 10).build());
        assertNotEquals(spec("a").build(), CircuitBreakerSpec.builder(4, 0.5, 2_000, 1, ExceptionMatcher.all())
                .name("a").build());
        assertNotEquals(spec("a").build(), CircuitBreakerSpec.builder(5, 0.5, 1_000, 1, ExceptionMatcher.all())
                .name("a").build());
    }
}
