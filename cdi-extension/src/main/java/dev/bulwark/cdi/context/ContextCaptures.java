package dev.bulwark.cdi.context;

import dev.bulwark.cdi.optional.OptionalApi;
import jakarta.enterprise.inject.Instance;

/**
 * Chooses how asynchronous calls carry their caller's context. With MicroProfile Context Propagation (a
 * {@code ThreadContext} bean, or an implementation such as SmallRye Context Propagation), the caller's contexts are
 * captured at call entry and restored for every attempt, retry and fallback; on Weld the caller's request context
 * too, for which Context Propagation has no provider there (on Quarkus, ArC's provider carries it). Without it,
 * nothing is carried over and each attempt runs in a new request context, as the MP FT specification asks.
 */
public final class ContextCaptures {

    private static final String THREAD_CONTEXT = "org.eclipse.microprofile.context.ThreadContext";
    private static final String WELD = "org.jboss.weld.manager.api.WeldManager";

    private ContextCaptures() {
    }

    /**
     * @param beans the container's beans, for a {@code ThreadContext} bean
     * @param container the container's bean manager or bean container
     */
    public static ContextCapture choose(Instance<Object> beans, Object container) {
        if (!OptionalApi.present(THREAD_CONTEXT)) {
            return ContextCapture.NONE;
        }
        ContextCapture threadContext = ThreadContexts.find(beans);
        if (threadContext == ContextCapture.NONE) {
            return ContextCapture.NONE;
        }
        ContextCapture request = OptionalApi.present(WELD) ? WeldRequestContextCapture.of(container)
                : ContextCapture.NONE;
        return threadContext.around(request);
    }
}
