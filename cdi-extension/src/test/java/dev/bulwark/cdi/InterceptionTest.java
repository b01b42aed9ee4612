package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerHandle;
import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InterceptionTest {

    private static WeldContainer weld;

    @BeforeAll
    static void start() {
        weld = WeldTesting.start(Map.of(), Beans.Flaky.class, Beans.Handler.class, Beans.Breaker.class,
                Beans.ClassLevel.class);
    }

    @AfterAll
    static void stop() {
        WeldTesting.stop(weld, Map.of());
    }

    @BeforeEach
    void resetCounter() {
        Beans.CALLS.set(0);
    }

    private Beans.Flaky flaky() {
        return weld.select(Beans.Flaky.class).get();
    }

    @Test
    void shouldRetryAsTheAnnotationSays() {
        assertThrows(IllegalStateException.class, () -> flaky().alwaysFails());
        assertEquals(3, Beans.CALLS.get());
        Beans.CALLS.set(0);
        assertEquals("third", flaky().succeedsOnThird());
    }

    @Test
    void shouldCallAPrivateFallbackMethodWithTheSameArguments() {
        assertEquals("cached k", flaky().withFallbackMethod("k"));
        assertEquals(2, Beans.CALLS.get(), "retried once before falling back");
    }

    @Test
    void shouldCreateTheFallbackHandlerAsABeanAndGiveItTheContext() {
        assertEquals("handled withHandler x after bad x", flaky().withHandler("x"));
    }

    @Test
    void shouldInterruptASlowCallWithTimeoutException() {
        assertThrows(TimeoutException.class, () -> flaky().slow());
        assertTrue(!Thread.currentThread().isInterrupted());
    }

    @Test
    void shouldRunAsynchronousMethodsOnAnotherThreadAndRetryFailedStages() throws Exception {
        String result = flaky().asyncStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(result.startsWith("async bulwark-async-"), result);
        assertEquals(3, Beans.CALLS.get());
        assertEquals("future", flaky().asyncFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldShareTheBreakerBetweenInstancesOfTheBean() {
        Beans.Breaker first = weld.select(Beans.Breaker.class).get();
        Beans.Breaker second = weld.select(Beans.Breaker.class).get();
        assertThrows(IllegalStateException.class, first::fail);
        assertThrows(IllegalStateException.class, second::fail);
        assertThrows(CircuitBreakerOpenException.class, weld.select(Beans.Breaker.class).get()::fail);

        // Operators find it by <class>.<method>, and a reset closes it for every instance.
        CircuitBreakerHandle handle = CircuitBreakerMaintenance.get().breaker(Beans.Breaker.class.getName() + ".fail");
        assertEquals(CircuitState.OPEN, handle.state());
        handle.reset();
        assertThrows(IllegalStateException.class, first::fail);
    }

    @Test
    void shouldApplyClassLevelAnnotationsUnlessTheMethodHasItsOwn() {
        Beans.ClassLevel bean = weld.select(Beans.ClassLevel.class).get();
        assertThrows(IllegalStateException.class, bean::inherited);
        assertEquals(2, Beans.CALLS.get());
        Beans.CALLS.set(0);
        assertThrows(IllegalStateException.class, bean::overridden);
        assertEquals(4, Beans.CALLS.get());
    }

    @Test
    void shouldPassUnguardedMethodsStraightThrough() {
        assertEquals("plain", flaky().plain());
    }

    @Test
    void shouldTurnAnExceptionThrownByAnAsynchronousMethodIntoAFailedStage() throws Exception {
        var stage = flaky().asyncThrows();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("thrown, not returned", e.getCause().getMessage());
    }
}
