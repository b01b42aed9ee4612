package dev.bulwark.cdi.retry;

import dev.bulwark.api.Backoff;
import dev.bulwark.api.BeforeRetryHandler;
import dev.bulwark.api.CustomBackoffStrategy;
import dev.bulwark.cdi.context.CallerContext;
import dev.bulwark.cdi.definition.RetryDefinition;
import dev.bulwark.cdi.fallback.ExecutionContextImpl;
import dev.bulwark.impl.retry.RetryObserver;
import dev.bulwark.impl.retry.RetrySpec;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Builds the engine's retry for a {@link RetryDefinition}: its strategy, predicates and before-retry action. */
public final class Retries {

    private Retries() {
    }

    /** @param usedBy the guarded method, for problems with an instance ({@code <class>.<method>()}) */
    @SuppressWarnings("unchecked")
    public static RetrySpec of(RetryDefinition definition, Instance<Object> beans, String usedBy) {
        RetrySpec spec = definition.spec();
        if (definition.customBackoff() != null) {
            CustomBackoffStrategy strategy = SharedInstances.of(definition.customBackoff(),
                    CustomBackoffStrategy.class, beans, usedBy);
            strategy.init(TimeUnit.NANOSECONDS.toMillis(spec.delayNanos()));
            spec = spec.withBackoff(new StrategyBackoff(strategy), false);
        }
        if (definition.exceptionPredicate() != null) {
            spec = spec.withRetryOn(SharedInstances.of(definition.exceptionPredicate(), Predicate.class, beans,
                    usedBy));
        }
        if (definition.resultPredicate() != null) {
            spec = spec.withRejectedResults(SharedInstances.of(definition.resultPredicate(), Predicate.class, beans,
                    usedBy));
        }
        if (definition.beforeRetryHandler() != null) {
            BeforeRetryHandler handler = SharedInstances.of(definition.beforeRetryHandler(), BeforeRetryHandler.class,
                    beans, usedBy);
            spec = spec.withBeforeRetry(inCallerContext((context, retry, cause) -> {
                InvocationContext invocation = (InvocationContext) context;
                handler.handle(new ExecutionContextImpl(invocation.getMethod(), invocation.getParameters(), cause));
            }));
        } else if (definition.beforeRetryMethod() != null) {
            spec = spec.withBeforeRetry(inCallerContext(methodCall(definition.beforeRetryMethod())));
        }
        return spec;
    }

    /** Runs {@code action} in the context an asynchronous call captured from its caller. */
    private static RetryObserver inCallerContext(RetryObserver action) {
        return (context, retry, cause) -> {
            CallerContext caller = CallerContext.of(context);
            if (caller == CallerContext.NONE) {
                action.beforeRetry(context, retry, cause);
                return;
            }
            try {
                caller.call(() -> {
                    action.beforeRetry(context, retry, cause);
                    return null;
                });
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new UndeclaredThrowableException(e);
            }
        };
    }

    private static RetryObserver methodCall(Method method) {
        method.setAccessible(true);
        return (context, retry, cause) -> {
            try {
                method.invoke(((InvocationContext) context).getTarget());
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new UndeclaredThrowableException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** A {@link CustomBackoffStrategy} as the engine's backoff: milliseconds to nanoseconds, saturating. */
    private record StrategyBackoff(CustomBackoffStrategy strategy) implements Backoff {

        @Override
        public long nextDelayNanos(int retry, long baseDelayNanos, long previousDelayNanos) {
            return nextDelayNanos(retry, baseDelayNanos, previousDelayNanos, null);
        }

        @Override
        public long nextDelayNanos(int retry, long baseDelayNanos, long previousDelayNanos, Throwable cause) {
            long millis = strategy.nextDelayInMillis(cause);
            return millis <= 0 ? 0 : millis >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : millis * 1_000_000;
        }
    }
}
