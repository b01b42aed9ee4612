package dev.bulwark.cdi.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.control.RequestContextController;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * Without an MP Context Propagation implementation (this execution has its API, but none), asynchronous attempts
 * behave as the MP FT specification asks and no more: each runs in a new, active request context, and nothing of
 * the caller's context is carried over.
 */
class WithoutContextPropagationTest {

    @Test
    void shouldRunEachAttemptInANewRequestContext() throws Exception {
        Downstream.SEEN.clear();
        try (WeldContainer weld = new Weld("no-context-propagation").disableDiscovery()
                .addBeanClasses(Downstream.class, CallerState.class, Scratch.class)
                .addExtension(new dev.bulwark.cdi.BulwarkExtension()).initialize()) {
            RequestContextController request = weld.select(RequestContextController.class).get();
            request.activate();
            TenantContextProvider.TENANT.set("acme");
            try {
                weld.select(CallerState.class).get().user("alice");
                assertEquals("fallback", weld.select(Downstream.class).get().failing().toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
            } finally {
                TenantContextProvider.TENANT.remove();
                request.deactivate();
            }
        }
        assertEquals(3, Downstream.SEEN.stream().filter(s -> s.step().equals("attempt")).count());
        Downstream.SEEN.stream().filter(s -> s.step().equals("attempt")).forEach(seen -> {
            assertTrue(seen.requestActive());
            assertNull(seen.user(), "the caller's request-scoped state stays with the caller");
            assertNull(seen.tenant());
        });
    }
}
