package dev.bulwark.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;

/** Annotations on the class apply to every business method; a method-level one replaces the class's. */
@ApplicationScoped
@Retry(maxRetries = 2, delay = 0, jitter = 0)
public class ClassLevel {

    @Inject
    Attempts attempts;

    public String inherited() {
        attempts.next("classLevel.inherited");
        throw new IllegalStateException("always fails");
    }

    @Retry(maxRetries = 4, delay = 0, jitter = 0)
    @Fallback(fallbackMethod = "recovered")
    public String own() {
        attempts.next("classLevel.own");
        throw new IllegalStateException("always fails");
    }

    String recovered() {
        return "recovered";
    }
}
