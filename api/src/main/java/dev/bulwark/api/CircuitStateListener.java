package dev.bulwark.api;

/** Told of every state change of a circuit breaker. Exceptions it throws are logged and ignored. */
@FunctionalInterface
public interface CircuitStateListener {

    void onStateChange(String breakerName, CircuitState from, CircuitState to);
}
