package dev.bulwark.cdi.context;

import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.context.spi.ContextManagerProvider;

/** The application's {@link ThreadContext}: its bean if it has one (Quarkus), else one built by its implementation. */
final class ThreadContexts {

    private static final System.Logger LOG = System.getLogger(ContextCaptures.class.getName());

    private ThreadContexts() {
    }

    static ContextCapture find(Instance<Object> beans) {
        Instance<ThreadContext> bean = beans.select(ThreadContext.class);
        if (bean.isResolvable()) {
            return new ThreadContextCapture(bean.get());
        }
        ContextManagerProvider provider;
        try {
            provider = ContextManagerProvider.instance();
        } catch (IllegalStateException noImplementation) {
            LOG.log(System.Logger.Level.INFO, "MicroProfile Context Propagation's API is present but no "
                    + "implementation: asynchronous fault-tolerance calls do not carry their caller's context");
            return ContextCapture.NONE;
        }
        // The specification's defaults: every context propagated except transactions, which are cleared.
        return new ThreadContextCapture(provider.getContextManager().newThreadContextBuilder().build());
    }
}
