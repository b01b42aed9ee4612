package dev.bulwark.impl.async;

import java.util.concurrent.Executor;

/**
 * Where a non-blocking asynchronous call goes on after it waited (for a retry delay, a timeout, a permit, another
 * thread's outcome): the context its caller ran on, such as a Vert.x (duplicated) context, so that the caller's
 * context-bound state (request-scoped beans, context locals) is there for every retry, the fallback and the
 * caller's own continuation. Captured once per call, at its start.
 */
public interface Continuation extends Executor {

    /** Whether the current thread already runs on this continuation's context. */
    boolean isCurrent();

    /** Captures the current thread's context, or gives null where there is none to return to. */
    @FunctionalInterface
    interface Capture {

        Continuation current();

        /** No context to return to: the engine's executor goes on. */
        Capture NONE = () -> null;

        /** Vert.x' current context where Vert.x is on the class path, else {@link #NONE}. */
        static Capture detect() {
            return AsyncTypes.present("io.vertx.core.Vertx") ? new VertxContexts() : NONE;
        }
    }
}
