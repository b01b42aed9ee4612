package dev.bulwark.cdi.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.control.RequestContextController;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With SmallRye Context Propagation on Weld, an asynchronous call carries its caller's context (a custom
 * {@code ThreadContextProvider}'s value and the caller's request-scoped state) into its first attempt, every
 * retry, the before-retry action and the fallback. Runs in its own surefire execution
 * ({@code context-propagation}), whose class path has SmallRye Context Propagation.
 */
class ContextPropagationTest {

    private WeldContainer weld;

    @BeforeEach
    void start() {
        Downstream.SEEN.clear();
        Scratch.CREATED.set(0);
        Scratch.DESTROYED.set(0);
        weld = new Weld("context-propagation").disableDiscovery()
                .addBeanClasses(Downstream.class, CallerState.class, Scratch.class)
                .addExtension(new dev.bulwark.cdi.BulwarkExtension()).initialize();
    }

    @AfterEach
    void stop() {
        TenantContextProvider.TENANT.remove();
        weld.close();
    }

    private String callInRequest(String tenant, String user, boolean slow) throws Exception {
        RequestContextController request = weld.select(RequestContextController.class).get();
        request.activate();
        TenantContextProvider.TENANT.set(tenant);
        try {
            weld.select(CallerState.class).get().user(user);
            Downstream downstream = weld.select(Downstream.class).get();
            return (slow ? downstream.slow() : downstream.failing()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            TenantContextProvider.TENANT.remove();
            request.deactivate();
        }
    }

    @Test
    void shouldCarryTheCallersContextIntoEveryAttemptRetryAndTheFallback() throws Exception {
        assertEquals("fallback", callInRequest("acme", "alice", false));

        List<String> steps = Downstream.SEEN.stream().map(Seen::step).toList();
        assertEquals(List.of("attempt", "before-retry", "attempt", "before-retry", "attempt", "fallback"), steps);
        for (Seen seen : Downstream.SEEN) {
            assertEquals("acme", seen.tenant(), () -> seen.step() + " on " + seen.thread());
            assertTrue(seen.requestActive(), () -> seen.step() + " without a request context");
            assertEquals("alice", seen.user(), () -> seen.step() + " did not see the caller's request-scoped state");
        }
        Thread caller = Thread.currentThread();
        Downstream.SEEN.stream().filter(s -> s.step().equals("attempt"))
                .forEach(s -> assertNotSame(caller, s.thread(), "attempts run on other threads"));
    }

    @Test
    void shouldCarryItIntoTheFallbackOfATimedOutCall() throws Exception {
        assertEquals("timed out", callInRequest("initech", "bob", true));

        List<String> steps = Downstream.SEEN.stream().map(Seen::step).toList();
        assertEquals(List.of("attempt", "attempt", "fallback"), steps);
        for (Seen seen : Downstream.SEEN) {
            assertEquals("initech", seen.tenant(), seen::step);
            assertEquals("bob", seen.user(), seen::step);
        }
    }

    @Test
    void shouldNotLeaveTheCallersContextOnThePoolThreads() throws Exception {
        callInRequest("acme", "alice", false);
        Downstream.SEEN.clear();

        // A caller with neither a tenant nor a request context: its attempts see neither of the previous caller's.
        Downstream downstream = weld.select(Downstream.class).get();
        assertEquals("fallback", downstream.failing().toCompletableFuture().get(10, TimeUnit.SECONDS));
        for (Seen seen : Downstream.SEEN) {
            assertNull(seen.tenant(), seen::step);
            if (seen.step().equals("attempt")) {
                assertTrue(seen.requestActive(), "an attempt always has a request context, as the spec asks");
                assertNull(seen.user(), "a new request context, not the previous caller's");
            }
        }
    }

    @Test
    void shouldDestroyRequestScopedBeansCreatedInsideAnAttempt() throws Exception {
        callInRequest("acme", "alice", false);

        assertEquals(3, Scratch.CREATED.get(), "each attempt's request context makes its own");
        assertEquals(Scratch.CREATED.get(), Scratch.DESTROYED.get(), "and destroys it when the attempt ends");
    }
}
