package dev.bulwark.examples;

import dev.bulwark.api.CircuitState;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a run of the scenario produced.
 *
 * @param totals every counted event over the whole run
 * @param breakerRejections calls refused by an open breaker, all breakers together
 * @param transitions every breaker state change, in order
 * @param finalStates each breaker's state at the end, by breaker name
 * @param mostAttempts the most attempts a single stock lookup made (1 + its retries)
 * @param elapsed how long the run took
 */
public record Report(Tally totals, long breakerRejections, List<Transition> transitions,
        Map<String, CircuitState> finalStates, int mostAttempts, Duration elapsed) {

    /** The states {@code breaker} went through, starting with CLOSED: CLOSED, OPEN, HALF_OPEN, CLOSED, ... */
    public List<CircuitState> statesOf(String breaker) {
        List<CircuitState> states = new java.util.ArrayList<>(List.of(CircuitState.CLOSED));
        transitions.stream().filter(t -> t.breaker().equals(breaker)).forEach(t -> states.add(t.to()));
        return states;
    }

    /** The state changes of {@code breaker}, in order. */
    public List<Transition> transitionsOf(String breaker) {
        return transitions.stream().filter(t -> t.breaker().equals(breaker)).toList();
    }
}
