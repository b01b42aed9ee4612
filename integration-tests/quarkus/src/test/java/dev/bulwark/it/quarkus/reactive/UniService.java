package dev.bulwark.it.quarkus.reactive;

import dev.bulwark.api.AdaptiveBulkhead;
import dev.bulwark.api.Hedge;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Guarded methods returning Uni, as quarkus-rest code is written. */
@ApplicationScoped
public class UniService {

    @Inject
    RequestTrace trace;

    private final AtomicInteger breakerCalls = new AtomicInteger();
    private final AtomicInteger hedgedCalls = new AtomicInteger();

    /** How often the breaker's method was subscribed to (a method: the injected reference is a client proxy). */
    public int breakerCalls() {
        return breakerCalls.get();
    }

    /** Fails every attempt after 3 retries 200 ms apart; the fallback answers with what each step saw. */
    @Retry(maxRetries = 3, delay = 200, jitter = 0)
    @Fallback(fallbackMethod = "traced")
    public Uni<String> alwaysFailing() {
        return Uni.createFrom().item(() -> {
            trace.record("attempt");
            throw new IllegalStateException("down");
        });
    }

    Uni<String> traced() {
        return Uni.createFrom().item(() -> {
            trace.record("fallback");
            return trace.steps();
        });
    }

    @Timeout(200)
    public Uni<String> slow() {
        return Uni.createFrom().item("late").onItem().delayIt().by(Duration.ofSeconds(5));
    }

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1, delay = 60_000)
    public Uni<String> broken() {
        return Uni.createFrom().item(() -> {
            breakerCalls.incrementAndGet();
            throw new IllegalStateException("down");
        });
    }

    @Bulkhead(value = 1, waitingTaskQueue = 1)
    public Uni<String> held() {
        return Uni.createFrom().item("held").onItem().delayIt().by(Duration.ofMillis(800));
    }

    /** How often the hedged method was subscribed to. */
    public int hedgedCalls() {
        return hedgedCalls.get();
    }

    /** Every odd attempt hangs for 5 s; the hedge, 50 ms later, answers at once, on the event loop. */
    @Hedge(delay = 50)
    public Uni<String> hedged() {
        if (hedgedCalls.incrementAndGet() % 2 == 1) {
            return Uni.createFrom().item("slow").onItem().delayIt().by(Duration.ofSeconds(5));
        }
        return Uni.createFrom().item(() -> "hedge on " + (Thread.currentThread().getName().contains("eventloop")
                ? "event-loop" : Thread.currentThread().getName()));
    }

    /** An adaptive limit of one on a Uni: a second subscription while one runs is rejected. */
    @AdaptiveBulkhead(initialLimit = 1, maxLimit = 1)
    public Uni<String> adaptive() {
        return Uni.createFrom().item("held").onItem().delayIt().by(Duration.ofMillis(800));
    }

    /** One subscription a minute per tenant. */
    @dev.bulwark.api.RateLimit(value = 1, window = 1, windowUnit = java.time.temporal.ChronoUnit.MINUTES)
    public Uni<String> perTenant(@dev.bulwark.api.PartitionKey String tenant) {
        return Uni.createFrom().item("ok " + tenant);
    }
}
