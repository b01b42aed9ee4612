package dev.bulwark.cdi.context;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * MicroProfile Context Propagation's contexts (MDC, tracing, security, and on Quarkus the CDI request context),
 * through {@link ThreadContext#currentContextExecutor()}: an executor that runs each task on the thread that calls
 * it, with the context of the thread that created it. Loaded only when the MP Context Propagation API is present.
 */
final class ThreadContextCapture implements ContextCapture {

    private final ThreadContext threadContext;

    ThreadContextCapture(ThreadContext threadContext) {
        this.threadContext = threadContext;
    }

    @Override
    public CallerContext capture() {
        return new InContext(threadContext.currentContextExecutor());
    }

    private record InContext(Executor executor) implements CallerContext {

        @Override
        public <T> T call(Callable<T> work) throws Exception {
            Outcome<T> outcome = new Outcome<>();
            executor.execute(() -> outcome.run(work));
            return outcome.get();
        }
    }

    /** What a task run by the executor returned or threw, handed back to the thread that ran it. */
    private static final class Outcome<T> {
        private T value;
        private Throwable failure;
        private boolean ran;

        void run(Callable<T> work) {
            ran = true;
            try {
                value = work.call();
            } catch (Throwable t) {
                failure = t;
            }
        }

        T get() throws Exception {
            if (!ran) {
                throw new IllegalStateException("the context executor of MP Context Propagation did not run the "
                        + "task on the calling thread");
            }
            if (failure instanceof Exception e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return value;
        }
    }
}
