package dev.bulwark.it.quarkus.shared;

import dev.bulwark.api.RateLimit;
import dev.bulwark.api.Shared;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/** A bean of the Quarkus app whose rate limit and breaker live in Redis. */
@ApplicationScoped
public class SharedQuotes {

    public static final String NAME = "quarkus-quotes";

    @RateLimit(value = 2, window = 60)
    @Shared(NAME)
    public String quote() {
        return "quote";
    }

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
    @Shared("quarkus-orders")
    public String order(boolean fail) {
        if (fail) {
            throw new IllegalStateException("down");
        }
        return "ordered";
    }
}
