package dev.bulwark.cdi.health;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.SharedStore;
import java.util.Optional;

/**
 * What the health check reads of the running deployment: its breakers and the shared store, if any. The deployment's
 * runtime bean provides it, so that this package depends on nothing of the CDI door.
 */
public interface DeploymentState {

    CircuitBreakerMaintenance breakers();

    Optional<SharedStore> sharedStore();
}
