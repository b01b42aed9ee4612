package dev.bulwark.it.quarkus.reactive;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * A user's own interceptor bound to {@code @Retry}, as works on Weld: on Quarkus it applies only because Bulwark makes
 * the MP FT annotations interceptor bindings that ArC sees. Its priority puts it outside Bulwark's interceptor, so it
 * sees each call once, whatever the retries.
 */
@Interceptor
@Retry
@Priority(Interceptor.Priority.APPLICATION)
public class RetryWatcher {

    static final AtomicInteger CALLS = new AtomicInteger();

    @AroundInvoke
    Object watch(InvocationContext context) throws Exception {
        CALLS.incrementAndGet();
        return context.proceed();
    }
}
