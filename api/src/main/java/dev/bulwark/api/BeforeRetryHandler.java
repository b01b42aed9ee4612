package dev.bulwark.api;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/** The action of {@link BeforeRetry}: told the method, its arguments and the failure that causes the retry. */
public interface BeforeRetryHandler {

    /** @param context {@code getFailure()} is null when a result accepted by {@link RetryWhen#result()} causes it */
    void handle(ExecutionContext context);
}
