package dev.bulwark.impl.circuitbreaker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The process-wide directory of named circuit breakers that operators read and control. A breaker created
 * under a name that is already taken replaces the older one here (a redeployed application creates its
 * breakers again); {@link #unregister} removes a breaker only if it is still the one registered.
 */
public final class CircuitBreakerRegistry {

    private static final CircuitBreakerRegistry GLOBAL = new CircuitBreakerRegistry();

    private final ConcurrentMap<String, CircuitBreaker> byName = new ConcurrentHashMap<>();

    public static CircuitBreakerRegistry global() {
        return GLOBAL;
    }

    public void register(CircuitBreaker breaker) {
        byName.put(breaker.name(), breaker);
    }

    public void unregister(CircuitBreaker breaker) {
        byName.remove(breaker.name(), breaker);
    }

    public CircuitBreaker get(String name) {
        return byName.get(name);
    }

    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }
}
