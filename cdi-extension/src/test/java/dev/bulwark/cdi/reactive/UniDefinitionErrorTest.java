package dev.bulwark.cdi.reactive;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.cdi.BulwarkExtension;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.Weld;
import org.junit.jupiter.api.Test;

/** What would run silently unguarded fails deployment instead, naming the method and what is supported. */
class UniDefinitionErrorTest {

    private static String deploymentFailure(Class<?> bean) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> new Weld().disableDiscovery()
                .addExtension(new BulwarkExtension()).addBeanClasses(bean).initialize().shutdown());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FaultToleranceDefinitionException) {
                return t.getMessage();
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof FaultToleranceDefinitionException) {
                    return s.getMessage();
                }
            }
        }
        throw new AssertionError("no FaultToleranceDefinitionException", failure);
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "should mention \"" + part + "\":\n" + message);
        }
    }

    @Test
    void shouldRefuseAGuardedMulti() {
        assertMentions(deploymentFailure(UniBeans.GuardedMulti.class), UniBeans.GuardedMulti.class.getName()
                + ".stream()", "io.smallrye.mutiny.Multi", "java.util.concurrent.CompletionStage", "io.smallrye.mutiny.Uni");
    }

    @Test
    void shouldRefuseAsynchronousTogetherWithAsynchronousNonBlocking() {
        assertMentions(deploymentFailure(UniBeans.BothAsynchronous.class), ".both()", "@Asynchronous",
                "@AsynchronousNonBlocking");
    }

    @Test
    void shouldRefuseAsynchronousNonBlockingOnAPlainValue() {
        assertMentions(deploymentFailure(UniBeans.NonBlockingString.class), ".plain()", "@AsynchronousNonBlocking",
                "java.lang.String");
    }

    @Test
    void shouldRefuseAnnotationsOnAPrivateMethod() {
        assertMentions(deploymentFailure(UniBeans.PrivateRetry.class), ".hidden()", "@Retry", "private");
    }
}
