package dev.bulwark.cdi;

import dev.bulwark.impl.chain.Operation;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * How one guarded method is called: synchronously on the caller's thread, or as an {@code @Asynchronous}
 * method whose attempts run on the engine's executor with the request context active.
 */
final class GuardedCall {

    private final Operation operation;
    private final boolean asynchronous;
    private final Instance<RequestContextController> requestContexts;

    GuardedCall(Operation operation, boolean asynchronous, Instance<RequestContextController> requestContexts) {
        this.operation = operation;
        this.asynchronous = asynchronous;
        this.requestContexts = requestContexts;
    }

    Operation operation() {
        return operation;
    }

    Object invoke(InvocationContext context) throws Exception {
        if (!asynchronous) {
            return operation.call(context::proceed, context);
        }
        // The caller receives our future for both Future and CompletionStage methods: it is both, and its
        // cancel(true) reaches the running attempt.
        return operation.callAsync(() -> proceedInRequestContext(context), context);
    }

    private CompletionStage<Object> proceedInRequestContext(InvocationContext context) throws Exception {
        RequestContextController controller = requestContexts.get();
        boolean activated = controller.activate();
        try {
            return toStage(context.proceed());
        } finally {
            if (activated) {
                controller.deactivate();
            }
            requestContexts.destroy(controller);
        }
    }

    /** The result of an asynchronous method (or fallback) as a stage; a plain Future is awaited here. */
    @SuppressWarnings("unchecked")
    static CompletionStage<Object> toStage(Object result) throws Exception {
        if (result instanceof CompletionStage<?> stage) {
            return (CompletionStage<Object>) stage;
        }
        if (result instanceof Future<?> future) {
            try {
                return CompletableFuture.completedFuture(future.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw e;
            }
        }
        if (result == null) {
            throw new NullPointerException("an @Asynchronous method returned null instead of a Future or CompletionStage");
        }
        throw new IllegalStateException("an @Asynchronous method returned " + result.getClass().getName());
    }
}
