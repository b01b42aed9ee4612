package dev.bulwark.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * An asynchronous call that fails every attempt and falls back, noting which request-scoped instance each step
 * sees: the caller's, where MP Context Propagation carries it over (Quarkus), or a new one per attempt (the MP FT
 * specification's minimum, where the runtime has no Context Propagation).
 */
@ApplicationScoped
public class CallerContextProbe {

    @Inject
    RequestScopedState requestState;

    /** What the steps of the last call saw, in order ({@code attempt:<id>}, {@code fallback:<id>}). */
    public static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Asynchronous
    @Retry(maxRetries = 2, delay = 0, jitter = 0)
    @Fallback(fallbackMethod = "fallback")
    public CompletionStage<String> failing() {
        SEEN.add("attempt:" + requestState.id());
        throw new IllegalStateException("down");
    }

    CompletionStage<String> fallback() {
        SEEN.add("fallback:" + requestState.id());
        return CompletableFuture.completedFuture("fallback");
    }
}
