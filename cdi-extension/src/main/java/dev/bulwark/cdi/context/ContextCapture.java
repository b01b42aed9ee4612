package dev.bulwark.cdi.context;

/** Takes a {@link CallerContext} from the calling thread, at the entry of an asynchronous call. */
@FunctionalInterface
public interface ContextCapture {

    /** Today's behaviour without MP Context Propagation: nothing is carried over (each attempt gets a new request context). */
    ContextCapture NONE = () -> CallerContext.NONE;

    CallerContext capture();

    /** Both: {@code this} outermost, {@code inner} inside it. */
    default ContextCapture around(ContextCapture inner) {
        if (inner == NONE) {
            return this;
        }
        if (this == NONE) {
            return inner;
        }
        return () -> {
            CallerContext outer = capture();
            CallerContext in = inner.capture();
            return new CallerContext() {
                @Override
                public <T> T call(java.util.concurrent.Callable<T> work) throws Exception {
                    return outer.call(() -> in.call(work));
                }
            };
        };
    }
}
