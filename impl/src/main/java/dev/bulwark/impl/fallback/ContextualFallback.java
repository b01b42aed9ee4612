package dev.bulwark.impl.fallback;

/**
 * The engine's fallback: computes a result from the failure and the context the caller passed with the
 * call (the CDI interceptor passes its {@code InvocationContext}; the programmatic API passes nothing).
 * For an asynchronous operation it may return a {@code CompletionStage}, which the driver flattens.
 */
@FunctionalInterface
public interface ContextualFallback {

    Object apply(Object context, Throwable failure) throws Exception;
}
