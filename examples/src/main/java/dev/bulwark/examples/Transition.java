package dev.bulwark.examples;

import dev.bulwark.api.CircuitState;
import java.time.Duration;

/** One state change of a circuit breaker, with when it happened: time since the start and the phase. */
public record Transition(String breaker, CircuitState from, CircuitState to, Duration at, Phase phase) {
}
