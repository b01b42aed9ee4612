package dev.bulwark.it.app;

import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/**
 * A fallback handler without any scope annotation and with an injected field, as the spec's examples write them:
 * it must still be created (and injected) by the container for each fallback.
 */
public class GreetingFallback implements FallbackHandler<String> {

    @Inject
    Attempts attempts;

    @Override
    public String handle(ExecutionContext context) {
        attempts.next("handler");
        return "handler for " + context.getParameters()[0] + " after " + context.getFailure().getMessage();
    }
}
