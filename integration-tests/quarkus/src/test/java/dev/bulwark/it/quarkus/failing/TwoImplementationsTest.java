package dev.bulwark.it.quarkus.failing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SmallRye's Quarkus extension beside Bulwark would guard every call twice: the build refuses, naming it. */
class TwoImplementationsTest {

    @ApplicationScoped
    public static class Retried {
        @Retry
        public String call() {
            return "never";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Retried.class))
            .overrideConfigKey("%test.quarkus.arc.exclude-types", "none.Such")
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-smallrye-fault-tolerance",
                    System.getProperty("quarkus.version", "3.33.2"))))
            .assertException(TwoImplementationsTest::namesTheOtherImplementation);

    private static void namesTheOtherImplementation(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        String text = all.toString();
        assertTrue(text.contains("Two MicroProfile Fault Tolerance implementations are deployed: Bulwark and SmallRye"
                + " Fault Tolerance"), text);
        assertTrue(text.contains("io.quarkus:quarkus-smallrye-fault-tolerance"), text);
    }

    @Test
    void shouldNotBuild() {
        fail("the application started");
    }
}
