package io.helidon.microprofile.faulttolerance;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Test stand-in with the fully qualified name of Helidon 4's portable extension. Like the real one, it adds the
 * interceptor as an annotated type before discovery (Helidon's jar has bean-discovery-mode="none").
 */
public class FaultToleranceExtension implements Extension {

    void addInterceptor(@Observes BeforeBeanDiscovery event, BeanManager beans) {
        event.addAnnotatedType(beans.createAnnotatedType(CommandInterceptor.class), CommandInterceptor.class.getName());
    }
}
