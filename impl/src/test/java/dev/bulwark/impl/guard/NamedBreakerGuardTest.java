package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.AsyncGuard;
import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.api.Guard;
import dev.bulwark.api.GuardBuilder;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerRegistry;
import dev.bulwark.testing.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** Two programmatic guards that name one breaker: one breaker when their settings agree, a build error when not. */
class NamedBreakerGuardTest {

    private final VirtualTime time = new VirtualTime();
    private final CircuitBreakerRegistry directory = CircuitBreakerRegistry.isolated();
    private final Engine engine = time.engine().executor(Runnable::run).circuitBreakers(directory).build();

    private <T> GuardBuilder<T> builder(String guardName) {
        return new GuardSpecBuilder<T>(engine).name(guardName);
    }

    private static void fail(Guard<String> guard) {
        assertThrows(IllegalStateException.class, () -> guard.get(() -> {
            throw new IllegalStateException("down");
        }));
    }

    @Test
    void shouldShareOneBreakerBetweenGuardsThatNameItWithTheSameSettings() {
        Guard<String> orders = this.<String>builder("orders").withCircuitBreaker(cb -> cb.name("inventory")
                .requestVolumeThreshold(2).failureRatio(1).delay(Duration.ofSeconds(10))).build();
        Guard<String> reservations = this.<String>builder("reservations").withCircuitBreaker(cb -> cb.name("inventory")
                .requestVolumeThreshold(2).failureRatio(1).delay(Duration.ofSeconds(10))).build();

        fail(orders);
        fail(reservations);
        assertThrows(CircuitBreakerOpenException.class, () -> orders.get(() -> "ok"),
                "the two failures went into one window");
        assertThrows(CircuitBreakerOpenException.class, () -> reservations.get(() -> "ok"));
        assertEquals(CircuitState.OPEN, directory.get("inventory").state());
        assertEquals(2, directory.get("inventory").failedCalls());

        directory.get("inventory").reset();
        assertEquals("ok", reservations.get(() -> "ok"), "an operator's reset reaches every guard");
    }

    @Test
    void shouldShareOneBreakerBetweenASynchronousAndAnAsynchronousGuard() {
        Guard<String> sync = this.<String>builder("sync").withCircuitBreaker(cb -> cb.name("inventory")
                .requestVolumeThreshold(1).failureRatio(1)).build();
        AsyncGuard<String> async = this.<String>builder("async").withCircuitBreaker(cb -> cb.name("inventory")
                .requestVolumeThreshold(1).failureRatio(1)).buildAsync();

        fail(sync);
        CompletableFuture<String> rejected = async.call(() -> CompletableFuture.completedFuture("ok"))
                .toCompletableFuture();
        CompletionException e = assertThrows(CompletionException.class, rejected::join);
        assertTrue(e.getCause() instanceof CircuitBreakerOpenException, String.valueOf(e.getCause()));
    }

    @Test
    void shouldFailTheSecondBuildNamingTheBreakerBothGuardsAndBothSettings() {
        this.<String>builder("orders").withCircuitBreaker(cb -> cb.name("inventory").failureRatio(0.5)).build();
        GuardBuilder<String> reservations = this.<String>builder("reservations")
                .withCircuitBreaker(cb -> cb.name("inventory").failureRatio(0.75).delay(Duration.ofSeconds(1)));

        IllegalStateException e = assertThrows(IllegalStateException.class, reservations::build);
        assertEquals("circuit breaker \"inventory\" is already registered by \"orders\" with failureRatio=0.5,"
                + " delayNanos=5000000000; \"reservations\" asks for failureRatio=0.75, delayNanos=1000000000. One"
                + " name is one breaker: give both the same settings, or each its own name", e.getMessage());
    }

    @Test
    void shouldFailAnAsynchronousBuildWhoseSettingsDiffer() {
        this.<String>builder("orders").withCircuitBreaker(cb -> cb.name("inventory")).build();
        GuardBuilder<String> other = this.<String>builder("reservations")
                .withCircuitBreaker(cb -> cb.name("inventory").skipOn(IOException.class));

        IllegalStateException e = assertThrows(IllegalStateException.class, other::buildAsync);
        assertTrue(e.getMessage().contains("failOn=ExceptionMatcher[included=[class java.lang.Throwable],"
                + " excluded=[class java.io.IOException]]"), e.getMessage());
    }

    @Test
    void shouldKeepTheFirstGuardsBreakerWhenASecondBuildFails() {
        Guard<String> orders = this.<String>builder("orders").withCircuitBreaker(cb -> cb.name("inventory")
                .requestVolumeThreshold(1).failureRatio(1)).build();
        assertThrows(IllegalStateException.class, () -> this.<String>builder("other")
                .withCircuitBreaker(cb -> cb.name("inventory").requestVolumeThreshold(5)).build());

        fail(orders);
        assertEquals(CircuitState.OPEN, directory.get("inventory").state(), "operators still reach the first one");
    }

    @Test
    void shouldGiveGuardsBuiltConcurrentlyUnderOneNameOneBreaker() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Guard<String>>> builds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String guardName = "guard-" + i;
                builds.add(threads.submit(() -> {
                    start.await();
                    return this.<String>builder(guardName).withCircuitBreaker(cb -> cb.name("racy")
                            .requestVolumeThreshold(1).failureRatio(1).delay(Duration.ofMinutes(1))).build();
                }));
            }
            start.countDown();
            List<Guard<String>> guards = new ArrayList<>();
            for (Future<Guard<String>> build : builds) {
                guards.add(build.get(10, TimeUnit.SECONDS));
            }

            fail(guards.get(0));
            for (Guard<String> guard : guards) {
                assertThrows(CircuitBreakerOpenException.class, () -> guard.get(() -> "ok"),
                        "one failure through any guard opened the breaker of all");
            }
            assertEquals(8, directory.get("racy").rejectedCalls());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldApplyTheRuleInTheJvmWideDirectory() {
        String name = "jvm-wide-" + UUID.randomUUID();
        Guard<String> first = Guard.<String>builder().withCircuitBreaker(cb -> cb.name(name)
                .requestVolumeThreshold(1).failureRatio(1).delay(Duration.ofMinutes(1))).build();
        Guard<String> second = Guard.<String>builder().withCircuitBreaker(cb -> cb.name(name)
                .requestVolumeThreshold(1).failureRatio(1).delay(Duration.ofMinutes(1))).build();
        fail(first);
        assertThrows(CircuitBreakerOpenException.class, () -> second.get(() -> "ok"));
        assertSame(CircuitState.OPEN, CircuitBreakerMaintenance.get().breaker(name).state());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Guard.<String>builder()
                .withCircuitBreaker(cb -> cb.name(name).requestVolumeThreshold(2)).build());
        assertTrue(e.getMessage().startsWith("circuit breaker \"" + name + "\" is already registered"),
                e.getMessage());
    }

    @Test
    void shouldFailAGuardOnAnotherEngineThatNamesTheBreaker() {
        this.<String>builder("here").withCircuitBreaker(cb -> cb.name("inventory")).build();
        Engine elsewhere = new VirtualTime().engine().executor(Runnable::run).circuitBreakers(directory).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GuardSpecBuilder.<String>on(elsewhere)
                .name("there").withCircuitBreaker(cb -> cb.name("inventory")).build());
        assertTrue(e.getMessage().contains("clock="), e.getMessage());
    }

    @Test
    void shouldNotCountAnUnnamedBreakerAsTheNamedOne() {
        Guard<String> named = this.<String>builder("orders").withCircuitBreaker(cb -> cb.name("inventory")
                .requestVolumeThreshold(1).failureRatio(1)).build();
        // Its breaker is known by the guard's name, "inventory", but is not registered: a breaker of its own.
        Guard<String> unnamed = this.<String>builder("inventory").withCircuitBreaker(cb -> cb.failureRatio(0.1))
                .build();
        fail(named);
        assertEquals("ok", unnamed.get(() -> "ok"), "the named breaker's opening is not the unnamed one's");
    }
}
