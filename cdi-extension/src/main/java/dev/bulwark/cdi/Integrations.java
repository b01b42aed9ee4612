package dev.bulwark.cdi;

/**
 * The optional integrations' marker classes: each is registered only when its API is on the class path, and named
 * by string so that nothing of it is loaded otherwise.
 */
final class Integrations {

    /** MicroProfile Health: the circuit-breaker readiness check. */
    static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";
    static final String HEALTH_CHECK = "dev.bulwark.cdi.health.CircuitBreakerHealthCheck";

    private Integrations() {
    }
}
