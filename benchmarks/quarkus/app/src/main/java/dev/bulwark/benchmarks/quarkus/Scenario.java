package dev.bulwark.benchmarks.quarkus;

import java.util.Set;
import java.util.function.Supplier;

/**
 * One measured call: its name, how it is reached, which strategies its self-check must see at work, one call for
 * the checks and a loop for the measurement. Each scenario brings its own loop (a lambda of its own, so its own
 * bytecode and JIT profile): one shared loop would make every call site in it megamorphic and charge every
 * scenario for the others.
 */
public final class Scenario {

    /** How the call reaches the method. */
    public enum Path {
        /** The target called directly: the floor of the programmatic rows. */
        BASELINE,
        /** Through the bean's client proxy and its interceptors. */
        CDI,
        /** Through a {@code dev.bulwark.api.Guard} (Bulwark build only). */
        PROGRAMMATIC;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Strategy { RETRY, CIRCUIT_BREAKER, BULKHEAD, TIMEOUT }

    /** What the stack check expects between the caller and the method. */
    public enum Wrap {
        /** No interceptor and no fault-tolerance frame. */
        NONE,
        /** {@link PassThroughInterceptor} and no fault-tolerance frame. */
        FLOOR,
        /** Frames of the fault-tolerance implementation. */
        FT
    }

    /** Runs the scenario's call {@code calls} times; returns something derived from every result (kept live). */
    @FunctionalInterface
    public interface Loop {
        long run(int calls);
    }

    final String name;
    final Path path;
    final Wrap wrap;
    final Set<Strategy> strategies;
    final Target target;
    final Supplier<String> once;
    final Loop loop;

    public Scenario(String name, Path path, Wrap wrap, Set<Strategy> strategies, Target target, Supplier<String> once,
            Loop loop) {
        this.name = name;
        this.path = path;
        this.wrap = wrap;
        this.strategies = strategies;
        this.target = target;
        this.once = once;
        this.loop = loop;
    }

    /** {@code path/name}, as {@code --only} takes it. */
    public String key() {
        return path.label() + "/" + name;
    }
}
