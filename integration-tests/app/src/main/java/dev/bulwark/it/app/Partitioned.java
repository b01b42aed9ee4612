package dev.bulwark.it.app;

import dev.bulwark.api.PartitionKey;
import dev.bulwark.api.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/** A rate limit per API key and a breaker per downstream host. */
@ApplicationScoped
public class Partitioned {

    @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.MINUTES)
    public String perKey(@PartitionKey String apiKey) {
        return "ok " + apiKey;
    }

    @Asynchronous
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
    public CompletionStage<String> host(@PartitionKey String host, boolean fail) {
        if (fail) {
            return CompletableFuture.failedFuture(new IllegalStateException(host + " is down"));
        }
        return CompletableFuture.completedFuture("ok " + host);
    }
}
