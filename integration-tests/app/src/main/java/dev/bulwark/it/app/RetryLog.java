package dev.bulwark.it.app;

import dev.bulwark.api.BeforeRetryHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/** A before-retry handler bean: counts retries by method name through its injected field. */
@ApplicationScoped
public class RetryLog implements BeforeRetryHandler {

    @Inject
    Attempts attempts;

    @Override
    public void handle(ExecutionContext context) {
        attempts.next("beforeRetry." + context.getMethod().getName());
    }
}
