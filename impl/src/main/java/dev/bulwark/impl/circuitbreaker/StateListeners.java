package dev.bulwark.impl.circuitbreaker;

import dev.bulwark.api.CircuitState;
import dev.bulwark.api.CircuitStateListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who hears of one breaker's state changes. A listener that throws is logged and the others are still told: a bug in
 * a listener must not stop the breaker from moving.
 */
final class StateListeners {

    private static final System.Logger LOG = System.getLogger(CircuitBreaker.class.getName());

    private final String name;
    private final List<CircuitStateListener> listeners;

    StateListeners(String name, List<CircuitStateListener> initial) {
        this.name = name;
        this.listeners = new CopyOnWriteArrayList<>(initial);
    }

    void add(CircuitStateListener listener) {
        listeners.add(listener);
    }

    void tell(CircuitState from, CircuitState to) {
        for (CircuitStateListener listener : listeners) {
            try {
                listener.onStateChange(name, from, to);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Circuit breaker listener failed for " + name, e);
            }
        }
    }
}
