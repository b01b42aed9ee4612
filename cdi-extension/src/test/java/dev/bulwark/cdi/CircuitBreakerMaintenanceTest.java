package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitBreakerName;
import dev.bulwark.api.CircuitState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CircuitBreakerMaintenance} injected into a bean, over named and unnamed CDI breakers. */
class CircuitBreakerMaintenanceTest {

    @ApplicationScoped
    public static class Downstream {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 100)
        @CircuitBreakerName("inventory")
        public String call(boolean fail) {
            if (fail) {
                throw new IllegalStateException("down");
            }
            return "ok";
        }

        @CircuitBreaker
        public String unnamed() {
            return "ok";
        }

        @CircuitBreaker
        public String overloaded(String a) {
            return a;
        }

        @CircuitBreaker
        public String overloaded(String a, int b) {
            return a + b;
        }
    }

    @Dependent
    public static class Operator {
        @Inject
        CircuitBreakerMaintenance maintenance;
    }

    private Deployment deployment;
    private Downstream downstream;
    private CircuitBreakerMaintenance maintenance;

    @BeforeEach
    void deploy() {
        deployment = Deployment.of(Downstream.class, Operator.class);
        downstream = deployment.bean(Downstream.class);
        maintenance = deployment.bean(Operator.class).maintenance;
    }

    @AfterEach
    void close() {
        deployment.close();
    }

    private void trip() {
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalStateException.class, () -> downstream.call(true));
        }
    }

    @Test
    void shouldListNamedUnnamedAndOverloadedBreakersApart() {
        String d = Downstream.class.getName();
        Set<String> names = maintenance.names();
        assertTrue(names.containsAll(Set.of("inventory", d + ".unnamed", d + ".overloaded(java.lang.String)",
                d + ".overloaded(java.lang.String,int)")), names.toString());
        assertFalse(names.contains(d + ".call"), "a named breaker is listed under its name only");
    }

    @Test
    void shouldReadForceAndResetByName() {
        assertEquals(CircuitState.CLOSED, maintenance.currentState("inventory"));
        maintenance.forceOpen("inventory");
        assertEquals(CircuitState.FORCED_OPEN, maintenance.currentState("inventory"));
        assertThrows(CircuitBreakerOpenException.class, () -> downstream.call(false));
        maintenance.forceClosed("inventory");
        for (int i = 0; i < 5; i++) {
            assertThrows(IllegalStateException.class, () -> downstream.call(true));
        }
        assertEquals(CircuitState.FORCED_CLOSED, maintenance.currentState("inventory"), "records nothing");
        maintenance.reset("inventory");
        assertEquals(CircuitState.CLOSED, maintenance.currentState("inventory"));
        assertEquals("ok", downstream.call(false));
    }

    @Test
    void shouldTellListenersOfEachNewState() {
        List<CircuitState> seen = Collections.synchronizedList(new ArrayList<>());
        maintenance.onStateChange("inventory", (name, from, to) -> seen.add(to));
        trip();
        maintenance.reset("inventory");
        maintenance.forceOpen("inventory");
        assertEquals(List.of(CircuitState.OPEN, CircuitState.CLOSED, CircuitState.FORCED_OPEN), seen);
    }

    @Test
    void shouldReadHalfOpenOnceTheDelayHasPassed() throws InterruptedException {
        trip();
        assertEquals(CircuitState.OPEN, maintenance.currentState("inventory"));
        Thread.sleep(150);
        assertEquals(CircuitState.HALF_OPEN, maintenance.currentState("inventory"), "no call needed to see it");
        assertEquals("ok", downstream.call(false));
        assertEquals(CircuitState.CLOSED, maintenance.currentState("inventory"));
    }

    @Test
    void shouldResetEveryBreaker() {
        trip();
        String unnamed = Downstream.class.getName() + ".unnamed";
        maintenance.forceOpen(unnamed);
        maintenance.resetAll();
        assertEquals(CircuitState.CLOSED, maintenance.currentState("inventory"));
        assertEquals(CircuitState.CLOSED, maintenance.currentState(unnamed));
        assertEquals("ok", downstream.unnamed());
    }

    @Test
    void shouldRejectAnUnknownNameNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> maintenance.currentState("nowhere"));
        assertTrue(e.getMessage().contains("'nowhere'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> maintenance.reset("nowhere"));
        assertThrows(IllegalArgumentException.class, () -> maintenance.forceOpen("nowhere"));
        assertThrows(IllegalArgumentException.class, () -> maintenance.forceClosed("nowhere"));
        assertThrows(IllegalArgumentException.class, () -> maintenance.onStateChange("nowhere", (name, from, to) -> { }));
    }

    @Test
    void shouldBeTheSameBreakersThroughTheStaticAccessor() {
        maintenance.forceOpen("inventory");
        assertEquals(CircuitState.FORCED_OPEN, CircuitBreakerMaintenance.get().currentState("inventory"));
        assertEquals(maintenance.names(), CircuitBreakerMaintenance.get().names());
    }
}
