package dev.bulwark.it.quarkus.failing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bulwark.api.AsynchronousNonBlocking;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On Quarkus too, what would run silently unguarded stops the start instead: a guarded Multi, and @Asynchronous with
 * @AsynchronousNonBlocking on one method.
 */
class UnguardableReturnTypeTest {

    @ApplicationScoped
    public static class Streams {
        @Retry
        public Multi<String> stream() {
            return Multi.createFrom().items("a", "b");
        }

        @Asynchronous
        @AsynchronousNonBlocking
        public Uni<String> both() {
            return Uni.createFrom().item("x");
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Streams.class))
            .overrideConfigKey("%test.quarkus.arc.exclude-types", "none.Such")
            .assertException(UnguardableReturnTypeTest::isTheDefinitionError);

    private static void isTheDefinitionError(Throwable thrown) {
        String message = DefinitionProblems.message(thrown);
        String where = Streams.class.getName();
        assertTrue(message.contains(where + ".stream(): returns io.smallrye.mutiny.Multi"), message);
        assertTrue(message.contains("io.smallrye.mutiny.Uni"), message);
        assertTrue(message.contains(where + ".both(): @Asynchronous and @AsynchronousNonBlocking cannot both apply"),
                message);
    }

    @Test
    void shouldNotStart() {
        fail("the application started");
    }
}
