package dev.bulwark.cdi;

import dev.bulwark.cdi.health.DeploymentState;
import dev.bulwark.api.BeforeRetryHandler;
import dev.bulwark.api.CustomBackoffStrategy;
import dev.bulwark.cdi.context.ContextCaptures;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/**
 * The bean both front doors feed and the interceptor reads: it builds the deployment's {@link GuardedCalls}
 * from the front door's {@link GuardedBeans} when the application starts (or at the first guarded call, if
 * another component calls a guarded bean even earlier), and closes them when the container stops.
 */
@Singleton
public class BulwarkRuntime implements DeploymentState {

    @Inject
    GuardedBeans guarded;

    // BeanContainer.createInstance() (CDI Lite) rather than an injected Instance<Object>: the latter carries
    // @Default, which select() with a qualifier (MP Metrics' @RegistryType) would keep as a required qualifier.
    @Inject
    BeanContainer container;

    @Inject
    Instance<RequestContextActivator> requestContexts;

    /**
     * Fallback handlers are looked up programmatically; an injection point of their type is what tells ArC not
     * to remove them as unused beans.
     */
    @Inject
    Instance<FallbackHandler<?>> handlers;

    /** The same for the classes the retry refinements name ({@code @CustomBackoff}, {@code @RetryWhen}, ...). */
    @Inject
    Instance<CustomBackoffStrategy> backoffStrategies;

    @Inject
    Instance<BeforeRetryHandler> beforeRetryHandlers;

    @Inject
    Instance<Predicate<?>> predicates;

    private volatile GuardedCalls calls;
    private boolean closed;

    /** Builds eagerly, so that an invalid definition fails the start instead of the first call. */
    void start(@Observes Startup event) {
        calls();
    }

    /** The guarded calls of {@code beanClass}, keyed by method; empty for a class without any. */
    Map<Method, GuardedCall> callsOf(Class<?> beanClass) {
        return calls().of(beanClass);
    }

    GuardedCalls calls() {
        GuardedCalls built = calls;
        if (built == null) {
            synchronized (this) {
                built = calls;
                if (built == null) {
                    if (closed) {
                        throw new IllegalStateException("Bulwark: the container is shutting down");
                    }
                    Instance<Object> beans = container.createInstance();
                    built = GuardedCalls.build(guarded, beans, requestContexts,
                            ContextCaptures.choose(beans, container));
                    calls = built;
                }
            }
        }
        return built;
    }

    /** The circuit breakers of this deployment (and no other deployment's in the JVM), for operators. */
    @Override
    public dev.bulwark.api.CircuitBreakerMaintenance breakers() {
        return calls().breakers();
    }

    /** The store {@code @Shared} rate limits and breakers share state through, if any method is shared. */
    @Override
    public java.util.Optional<dev.bulwark.api.SharedStore> sharedStore() {
        return calls().sharedStore();
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (calls != null) {
            calls.close();
        }
    }
}
