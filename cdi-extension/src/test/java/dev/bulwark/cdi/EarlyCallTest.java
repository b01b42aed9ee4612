package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * Regression: a guarded bean called before Bulwark built its operations (here from another extension's observer
 * that runs first) used to leave its interceptor with an empty table for good, so the bean was never guarded.
 */
class EarlyCallTest {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @ApplicationScoped
    public static class Early {
        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        public void call() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("fails");
        }
    }

    public static class EarlyCaller implements Extension {
        void callFirst(@Observes @Priority(1) AfterDeploymentValidation event, BeanManager beans) {
            callOnce(beans.createInstance().select(Early.class).get());
        }
    }

    private static void callOnce(Early bean) {
        try {
            bean.call();
        } catch (IllegalStateException expected) {
            // the retries are what is counted
        }
    }

    @Test
    void shouldGuardABeanCalledBeforeTheOperationsWereBuilt() {
        ATTEMPTS.set(0);
        WeldContainer weld = new Weld().disableDiscovery().addExtension(new EarlyCaller())
                .addExtension(new BulwarkExtension()).addBeanClasses(Early.class).initialize();
        try {
            assertEquals(3, ATTEMPTS.get(), "the early call was retried");
            ATTEMPTS.set(0);
            callOnce(weld.select(Early.class).get());
            assertEquals(3, ATTEMPTS.get(), "and later calls are too");
        } finally {
            weld.shutdown();
        }
    }
}
