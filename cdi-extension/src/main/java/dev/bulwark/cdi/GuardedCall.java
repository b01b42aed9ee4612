package dev.bulwark.cdi;

import dev.bulwark.cdi.context.CallerContext;
import dev.bulwark.cdi.context.ContextCapture;
import dev.bulwark.impl.chain.Invoker;
import dev.bulwark.impl.chain.Operation;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How one guarded method is called: synchronously on the caller's thread, or as an {@code @Asynchronous}
 * method whose attempts run on the engine's executor with the request context active, and, with MP Context
 * Propagation, the caller's contexts restored.
 */
final class GuardedCall {

    /** Proceeds with the intercepted invocation: one shared strategy, no adapter object per call. */
    private static final Invoker PROCEED = target -> ((InvocationContext) target).proceed();

    private final Operation operation;
    private final boolean asynchronous;
    private final boolean returnsFuture;
    private final Instance<RequestContextActivator> requestContexts;
    private final ContextCapture callerContext;

    GuardedCall(Operation operation, boolean asynchronous, boolean returnsFuture,
            Instance<RequestContextActivator> requestContexts, ContextCapture callerContext) {
        this.operation = operation;
        this.asynchronous = asynchronous;
        this.returnsFuture = returnsFuture;
        this.requestContexts = requestContexts;
        this.callerContext = callerContext;
    }

    Operation operation() {
        return operation;
    }

    Object invoke(InvocationContext context) throws Exception {
        if (!asynchronous) {
            return operation.call(PROCEED, context, context);
        }
        // The caller receives our future, whose cancel(true) reaches the running attempt. A Future method's
        // outcome is what the method itself does (returns or throws): the Future it returns is only passed on.
        CompletableFuture<Object> outcome;
        if (callerContext == ContextCapture.NONE) {
            outcome = operation.callAsync(() -> proceedInRequestContext(context), context);
        } else {
            // Captured once, here on the caller's thread; the fallback and before-retry actions find it too.
            CallerContext caller = callerContext.capture();
            context.getContextData().put(CallerContext.KEY, caller);
            outcome = operation.callAsync(() -> caller.call(() -> proceedInRequestContext(context)), context);
        }
        return returnsFuture ? new PassedOnFuture(outcome) : outcome;
    }

    private CompletionStage<Object> proceedInRequestContext(InvocationContext context) throws Exception {
        RequestContextActivator controller = requestContexts.get();
        boolean activated = controller.activate();
        try {
            return toStage(context.proceed(), returnsFuture);
        } finally {
            if (activated) {
                controller.deactivate();
            }
            requestContexts.destroy(controller);
        }
    }

    /**
     * The result of an asynchronous method (or its fallback) as the stage the engine follows: a
     * CompletionStage itself, or a Future as the value of a completed stage (its own failure is not ours).
     */
    @SuppressWarnings("unchecked")
    static CompletionStage<Object> toStage(Object result, boolean returnsFuture) {
        if (result == null) {
            throw new NullPointerException("an @Asynchronous method returned null instead of a "
                    + (returnsFuture ? "Future" : "CompletionStage"));
        }
        if (returnsFuture) {
            return CompletableFuture.completedFuture(result);
        }
        return (CompletionStage<Object>) result;
    }
}
