package com.example.inventory;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What an operator's page shows and does: reads and resets named circuit breakers. */
@ApplicationScoped
public class BreakerConsole {

    @Inject
    CircuitBreakerMaintenance maintenance;

    public CircuitBreakerState state(String name) {
        return maintenance.currentState(name);
    }

    /** A line for the page. */
    public String describe(String name) {
        CircuitBreakerState state = maintenance.currentState(name);
        switch (state) {
            case CLOSED:
                return name + " is healthy";
            case OPEN:
                return name + " is refusing calls";
            default:
                return name + " is trying again";
        }
    }

    public void reset(String name) {
        maintenance.reset(name);
    }
}
