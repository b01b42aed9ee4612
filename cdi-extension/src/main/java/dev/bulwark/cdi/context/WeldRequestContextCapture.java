package dev.bulwark.cdi.context;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.spi.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jboss.weld.context.WeldAlterableContext;
import org.jboss.weld.context.api.ContextualInstance;
import org.jboss.weld.context.bound.BoundLiteral;
import org.jboss.weld.context.bound.BoundRequestContext;
import org.jboss.weld.manager.api.WeldManager;

/**
 * The caller's request context on Weld (Weld SE, Helidon), which MP Context Propagation has no provider for
 * there: the caller's request-scoped instances, set into Weld's bound request context on the thread that runs
 * the work. The caller's instances are not destroyed there (they belong to the caller's context, which destroys
 * them when it ends); instances the work itself created in that context are, when the work ends. Loaded only when
 * the container is Weld.
 */
final class WeldRequestContextCapture implements ContextCapture {

    private final WeldManager weld;
    private final BoundRequestContext bound;

    private WeldRequestContextCapture(WeldManager weld, BoundRequestContext bound) {
        this.weld = weld;
        this.bound = bound;
    }

    /** This capture for {@code container}, or {@link ContextCapture#NONE} if it is not Weld. */
    static ContextCapture of(Object container) {
        if (!(container instanceof WeldManager weld)) {
            return NONE;
        }
        return new WeldRequestContextCapture(weld,
                weld.instance().select(BoundRequestContext.class, BoundLiteral.INSTANCE).get());
    }

    @Override
    public CallerContext capture() {
        if (!weld.isContextActive(RequestScoped.class)) {
            return CallerContext.NONE;
        }
        Context active = weld.getContext(RequestScoped.class);
        if (!(active instanceof WeldAlterableContext alterable)) {
            return CallerContext.NONE;
        }
        return new InRequest(List.copyOf(alterable.getAllContextualInstances()));
    }

    private final class InRequest implements CallerContext {
        private final Collection<ContextualInstance<?>> instances;

        InRequest(Collection<ContextualInstance<?>> instances) {
            this.instances = instances;
        }

        @Override
        public <T> T call(Callable<T> work) throws Exception {
            if (weld.isContextActive(RequestScoped.class)) {
                // The caller's own thread (a fallback run at once), or a thread with a request context of its own:
                // two active request contexts would be an error, so the one there stays.
                return work.call();
            }
            Map<String, Object> storage = new HashMap<>();
            bound.associate(storage);
            bound.activate();
            try {
                bound.clearAndSet(instances);
                return work.call();
            } finally {
                try {
                    destroyCreatedHere();
                } finally {
                    bound.deactivate();
                    bound.dissociate(storage);
                }
            }
        }

        /** Destroys the request-scoped instances the work created, which no other context owns. */
        private void destroyCreatedHere() {
            Set<Object> callers = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (ContextualInstance<?> instance : instances) {
                callers.add(instance.getContextual());
            }
            List<ContextualInstance<?>> created = new ArrayList<>();
            for (ContextualInstance<?> instance : bound.getAllContextualInstances()) {
                if (!callers.contains(instance.getContextual())) {
                    created.add(instance);
                }
            }
            for (ContextualInstance<?> instance : created) {
                bound.destroy(instance.getContextual());
            }
        }
    }
}
