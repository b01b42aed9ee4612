package dev.bulwark.cdi;

import dev.bulwark.cdi.context.CallerContext;
import dev.bulwark.cdi.context.ContextCapture;
import dev.bulwark.impl.async.AsyncType;
import dev.bulwark.impl.chain.Invoker;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.partition.Partitions;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * How one guarded method is called: synchronously on the caller's thread, or through the asynchronous driver as the
 * method's asynchronous type ({@code CompletionStage}, {@code Future}, {@code Uni}) says, each attempt with the request
 * context active and, with MP Context Propagation, the caller's contexts restored. Whether attempts are offloaded to
 * the executor is the operation's ({@code @Asynchronous}) or not (non-blocking).
 */
final class GuardedCall {

    /** Proceeds with the intercepted invocation: one shared strategy, no adapter object per call. */
    private static final Invoker PROCEED = target -> ((InvocationContext) target).proceed();

    private final Operation operation;
    // Null for a synchronous method.
    private final AsyncType<?> type;
    private final Instance<RequestContextActivator> requestContexts;
    private final ContextCapture callerContext;
    // A partitioned method's partitions and how a call's key is found; both null otherwise.
    private final Partitions partitions;
    private final Function<InvocationContext, String> keyOf;

    GuardedCall(Operation operation, AsyncType<?> type, Instance<RequestContextActivator> requestContexts,
            ContextCapture callerContext) {
        this(operation, type, requestContexts, callerContext, null, null);
    }

    GuardedCall(Operation operation, AsyncType<?> type, Instance<RequestContextActivator> requestContexts,
            ContextCapture callerContext, Partitions partitions, Function<InvocationContext, String> keyOf) {
        this.operation = operation;
        this.type = type;
        this.requestContexts = requestContexts;
        this.callerContext = callerContext;
        this.partitions = partitions;
        this.keyOf = keyOf;
    }

    /** The partitions of a partitioned method, or null. */
    Partitions partitions() {
        return partitions;
    }

    Operation operation() {
        return operation;
    }

    Object invoke(InvocationContext context) throws Exception {
        // A partitioned method's key is read once, on the caller's thread, before anything else runs.
        String key = partitions == null ? null : keyOf.apply(context);
        if (type == null) {
            return partitions == null ? operation.call(PROCEED, context, context)
                    : partitions.call(key, PROCEED, context, context);
        }
        // The caller receives the type's own view of our future, whose cancellation reaches the running attempt.
        if (callerContext == ContextCapture.NONE) {
            return callAs(key, () -> proceedInRequestContext(context), context);
        }
        // Captured once, here on the caller's thread; the fallback and before-retry actions find it too.
        CallerContext caller = callerContext.capture();
        context.getContextData().put(CallerContext.KEY, caller);
        return callAs(key, () -> caller.call(() -> proceedInRequestContext(context)), context);
    }

    /** The asynchronous call as the method's type, in the key's partition when the method is partitioned. */
    private Object callAs(String key, Callable<? extends CompletionStage<Object>> attempt, InvocationContext context) {
        return partitions == null ? operation.callAs(type, attempt, context)
                : partitions.callAs(key, type, attempt, context);
    }

    /** One attempt: the method called and what it returned started (subscribed to) with a request context active. */
    private CompletionStage<Object> proceedInRequestContext(InvocationContext context) throws Exception {
        RequestContextActivator controller = requestContexts.get();
        boolean activated = controller.activate();
        try {
            Object returned = context.proceed();
            return partitions != null ? partitions.started(type, returned) : operation.started(type, returned);
        } finally {
            if (activated) {
                controller.deactivate();
            }
            requestContexts.destroy(controller);
        }
    }
}
