package dev.bulwark.impl.circuitbreaker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A directory of named circuit breakers that operators read and control: the process-wide one, or one deployment's
 * own, which also registers its breakers in the process-wide one (so that the static maintenance API still sees
 * them). In the process-wide directory a breaker created under a name that is already taken replaces the older one
 * (a redeployed application, or a second deployment in the JVM, creates its breakers again); a deployment's own
 * directory keeps exactly its breakers, so two deployments in one JVM never see each other's.
 * {@link #unregister} removes a breaker only if it is still the one registered.
 */
public final class CircuitBreakerRegistry {

    private static final CircuitBreakerRegistry GLOBAL = new CircuitBreakerRegistry(null);

    private final ConcurrentMap<String, CircuitBreaker> byName = new ConcurrentHashMap<>();
    private final CircuitBreakerRegistry parent;

    private CircuitBreakerRegistry(CircuitBreakerRegistry parent) {
        this.parent = parent;
    }

    public static CircuitBreakerRegistry global() {
        return GLOBAL;
    }

    /**
     * A directory of its own that registers nowhere else: for an engine whose breakers the process's operators must
     * not see (one in virtual time, or embedded in a tool).
     */
    public static CircuitBreakerRegistry isolated() {
        return new CircuitBreakerRegistry(null);
    }

    /** A deployment's own directory, registering its breakers in the process-wide one too. */
    public static CircuitBreakerRegistry forDeployment() {
        return new CircuitBreakerRegistry(GLOBAL);
    }

    public void register(CircuitBreaker breaker) {
        byName.put(breaker.name(), breaker);
        if (parent != null) {
            parent.register(breaker);
        }
    }

    public void unregister(CircuitBreaker breaker) {
        byName.remove(breaker.name(), breaker);
        if (parent != null) {
            parent.unregister(breaker);
        }
    }

    public CircuitBreaker get(String name) {
        return byName.get(name);
    }

    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }
}
