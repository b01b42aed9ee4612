package dev.bulwark.benchmarks.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** {@link GuardedService} plus a 10 s timeout that never fires. */
@ApplicationScoped
public class TimedService implements Supplier<String> {

    private volatile String value = "ok";

    @Override
    @Retry(maxRetries = 3)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5)
    @Bulkhead(10)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public String get() {
        return value;
    }
}
