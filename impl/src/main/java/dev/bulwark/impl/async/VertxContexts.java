package dev.bulwark.impl.async;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Captures the Vert.x context a call starts on (on Quarkus, a request's duplicated context, which carries its
 * request scope and context locals) and goes on there. Loaded only when Vert.x is on the class path.
 */
final class VertxContexts implements Continuation.Capture {

    @Override
    public Continuation current() {
        Context context = Vertx.currentContext();
        return context == null ? null : new OnContext(context);
    }

    private record OnContext(Context context) implements Continuation {

        @Override
        public void execute(Runnable task) {
            context.runOnContext(ignored -> task.run());
        }

        @Override
        public boolean isCurrent() {
            return Vertx.currentContext() == context;
        }
    }
}
