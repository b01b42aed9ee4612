package dev.bulwark.benchmarks.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/** The trivial method under the settings the programmatic benchmarks use (see Settings). */
@ApplicationScoped
public class GuardedService implements Supplier<String> {

    private volatile String value = "ok";

    @Override
    @Retry(maxRetries = 3)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5)
    @Bulkhead(10)
    public String get() {
        return value;
    }
}
