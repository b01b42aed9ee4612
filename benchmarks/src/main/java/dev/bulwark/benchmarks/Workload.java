package dev.bulwark.benchmarks;

import java.util.function.Supplier;

/**
 * The trivial call being guarded: reads a field, so it costs about a nanosecond and allocates nothing. It is a
 * field read, not a constant, so that the JIT cannot fold the call away.
 */
final class Workload implements Supplier<String> {

    private volatile String value = "ok";

    @Override
    public String get() {
        return value;
    }
}
