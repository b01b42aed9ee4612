package dev.bulwark.examples;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * Puts a reservation that could not be made on a waiting list. A handler class rather than a fallback method
 * because it needs the failure: a full bulkhead is counted apart from a failing service.
 */
@Dependent
public class ReserveFallback implements FallbackHandler<CompletionStage<String>> {

    @Inject
    Scoreboard scoreboard;

    @Override
    public CompletionStage<String> handle(ExecutionContext context) {
        scoreboard.count(Event.FALLBACK);
        if (Failures.rootOf(context.getFailure()) instanceof BulkheadException) {
            scoreboard.count(Event.BULKHEAD);
        }
        return CompletableFuture.completedFuture("WAITLIST-" + context.getParameters()[0]);
    }
}
