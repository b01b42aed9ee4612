package dev.bulwark.benchmarks.cdi;

import java.util.function.Supplier;

/** Which bean the CDI benchmark calls: the same method under more and more interception. */
public enum CdiBean {
    /** No annotations: the client proxy alone, the floor of any CDI call. */
    PLAIN(PlainService.class),
    /** One interceptor that only proceeds: the floor of any intercepted call, Weld's own cost. */
    NOOP_INTERCEPTOR(PassThroughService.class),
    /** {@code @Retry @CircuitBreaker @Bulkhead}. */
    RETRY_BREAKER_BULKHEAD(GuardedService.class),
    /** The same plus {@code @Timeout}. */
    WITH_TIMEOUT(TimedService.class);

    private final Class<? extends Supplier<String>> type;

    CdiBean(Class<? extends Supplier<String>> type) {
        this.type = type;
    }

    Class<? extends Supplier<String>> type() {
        return type;
    }

    static Class<?>[] all() {
        return new Class<?>[] {PlainService.class, PassThroughService.class, GuardedService.class, TimedService.class,
            PassThrough.class, PassThroughInterceptor.class};
    }
}
