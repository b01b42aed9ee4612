package dev.bulwark.cdi.context;

import dev.bulwark.api.BeforeRetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Asynchronous guarded methods that record what each of their steps sees of the caller's context. */
@ApplicationScoped
public class Downstream {

    /** Static: the bean is reached through its client proxy. */
    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    @Inject
    CallerState state;

    @Inject
    Scratch scratch;

    @Inject
    BeanManager beans;

    private void see(String step) {
        boolean active = isRequestActive();
        SEEN.add(new Seen(step, TenantContextProvider.TENANT.get(), active ? state.user() : null, active,
                Thread.currentThread()));
    }

    private boolean isRequestActive() {
        try {
            beans.getContext(RequestScoped.class);
            return true;
        } catch (jakarta.enterprise.context.ContextNotActiveException e) {
            return false;
        }
    }

    @Asynchronous
    @Retry(maxRetries = 2, delay = 0, jitter = 0)
    @BeforeRetry(methodName = "beforeRetry")
    @Fallback(fallbackMethod = "fallback")
    public CompletionStage<String> failing() {
        see("attempt");
        scratch.touch();
        throw new IllegalStateException("down");
    }

    void beforeRetry() {
        see("before-retry");
    }

    CompletionStage<String> fallback() {
        see("fallback");
        return CompletableFuture.completedFuture("fallback");
    }

    @Asynchronous
    @Retry(maxRetries = 1, delay = 0, jitter = 0)
    @Timeout(50)
    @Fallback(fallbackMethod = "timedOutFallback")
    public CompletionStage<String> slow() throws InterruptedException {
        see("attempt");
        Thread.sleep(10_000);
        return CompletableFuture.completedFuture("never");
    }

    CompletionStage<String> timedOutFallback() {
        see("fallback");
        return CompletableFuture.completedFuture("timed out");
    }
}
