package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.faulttolerance.FaultToleranceExtension;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.Weld;
import org.junit.jupiter.api.Test;

/** Two MP FT implementations in one container would guard every call twice: the deployment is refused. */
class OtherImplementationTest {

    public static class Retried {
        @Retry
        public String call() {
            return "never";
        }
    }

    @Test
    void shouldFailDeploymentWhenSmallRyeFaultToleranceIsThereToo() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> new Weld().disableDiscovery()
                .addExtension(new BulwarkExtension()).addExtension(new FaultToleranceExtension())
                .addExtension(new ConfigExtension()).addBeanClasses(Retried.class).initialize().shutdown());
        FaultToleranceDefinitionException error = DefinitionErrors.find(failure);
        assertNotNull(error, failure::toString);
        assertTrue(error.getMessage().contains("Two MicroProfile Fault Tolerance implementations are deployed:"
                + " Bulwark and SmallRye Fault Tolerance: remove io.smallrye:smallrye-fault-tolerance"),
                error.getMessage());
    }

    /**
     * Helidon's artifact does not resolve here: the extension and interceptor are test stand-ins of the exact
     * names Helidon 4 uses, registered the way Helidon registers them.
     */
    @Test
    void shouldFailDeploymentWhenHelidonFaultToleranceIsThereToo() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> new Weld().disableDiscovery()
                .addExtension(new BulwarkExtension())
                .addExtension(new io.helidon.microprofile.faulttolerance.FaultToleranceExtension())
                .addExtension(new ConfigExtension()).addBeanClasses(Retried.class).initialize().shutdown());
        FaultToleranceDefinitionException error = DefinitionErrors.find(failure);
        assertNotNull(error, failure::toString);
        assertTrue(error.getMessage().contains("Two MicroProfile Fault Tolerance implementations are deployed:"
                + " Bulwark and Helidon MP Fault Tolerance: remove"
                + " io.helidon.microprofile:helidon-microprofile-fault-tolerance"), error.getMessage());
        assertTrue(error.getMessage().contains("io.helidon.microprofile.faulttolerance.CommandInterceptor"),
                error.getMessage());
    }
}
