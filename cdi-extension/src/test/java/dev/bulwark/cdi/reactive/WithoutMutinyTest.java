package dev.bulwark.cdi.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.AsynchronousNonBlocking;
import dev.bulwark.cdi.BulwarkExtension;
import dev.bulwark.impl.async.AsyncTypes;
import jakarta.enterprise.context.Dependent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * Without Mutiny and Vert.x on the class path (this test's own surefire execution removes them), Bulwark deploys and
 * guards as before: the Uni support and the Vert.x continuation are named by string and never load.
 */
class WithoutMutinyTest {

    @Dependent
    public static class Stages {
        final AtomicInteger calls = new AtomicInteger();

        @AsynchronousNonBlocking
        @Retry(maxRetries = 2, delay = 0)
        public CompletionStage<String> stage() {
            return calls.incrementAndGet() < 3 ? CompletableFuture.failedFuture(new IllegalStateException("down"))
                    : CompletableFuture.completedFuture("third");
        }
    }

    @Test
    void shouldGuardWithoutMutinyOrVertx() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.smallrye.mutiny.Uni"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.vertx.core.Vertx"));
        WeldContainer weld = new Weld().disableDiscovery().addExtension(new BulwarkExtension())
                .addBeanClasses(Stages.class).initialize();
        try {
            assertEquals("third", weld.select(Stages.class).get().stage().toCompletableFuture().join());
        } finally {
            weld.shutdown();
        }
        assertTrue(AsyncTypes.supported().contains("with Mutiny on the class path"), AsyncTypes.supported());
        IllegalStateException noMutiny = assertThrows(IllegalStateException.class, AsyncTypes::uni);
        assertTrue(noMutiny.getMessage().contains("io.smallrye.reactive:mutiny"), noMutiny.getMessage());
    }
}
