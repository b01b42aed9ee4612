package dev.bulwark.cdi.health;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.CircuitState;
import dev.bulwark.cdi.definition.ConfigLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.TreeSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@value #NAME}: every circuit breaker's state as data, UP unless a breaker that
 * {@code bulwark.health.down-when-open} names is OPEN or FORCED_OPEN. UP by default: a breaker opens because a
 * downstream is down, and a replica that protects itself from it is healthy; taking every replica out of the load
 * balancer at once for one outage is the larger outage. Only registered when MicroProfile Health is present.
 *
 * <p>With {@code @Shared} methods, {@value #STORE} tells whether the shared store answers ({@code UP}) or each
 * replica decides alone meanwhile ({@code DEGRADED}); that alone never makes the check DOWN.
 *
 * <p>Reads the breakers' current state (atomic reads, no lock, no blocking), so it can be polled as often as the
 * platform likes.
 */
@Readiness
@ApplicationScoped
public class CircuitBreakerHealthCheck implements HealthCheck {

    public static final String NAME = "bulwark-circuit-breakers";

    public static final String STORE = "bulwark.shared-store";

    private final DownWhenOpen downWhenOpen = DownWhenOpen.read(ConfigLookup.microProfile());

    @Inject
    DeploymentState runtime;

    @Override
    public HealthCheckResponse call() {
        CircuitBreakerMaintenance breakers = runtime.breakers();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        boolean up = true;
        for (String name : new TreeSet<>(breakers.names())) {
            CircuitState state;
            try {
                state = breakers.currentState(name);
            } catch (IllegalArgumentException removed) {
                continue; // its application stopped between names() and now
            }
            response.withData(name, state.name());
            if ((state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN) && downWhenOpen.covers(name)) {
                up = false;
            }
        }
        for (String name : new TreeSet<>(breakers.partitionedNames())) {
            // One line per partitioned breaker, never one per key (keys are callers' input, and unbounded).
            int open = 0;
            java.util.Set<String> keys = breakers.partitionKeys(name);
            for (String key : keys) {
                CircuitState state = breakers.currentState(name, key);
                if (state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN) {
                    open++;
                }
            }
            response.withData(name, open + " of " + keys.size() + " partitions OPEN");
        }
        runtime.sharedStore().ifPresent(store -> response.withData(STORE, store.available() ? "UP" : "DEGRADED"));
        return response.status(up).build();
    }
}
