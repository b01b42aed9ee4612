package dev.bulwark.benchmarks;

import java.util.function.Supplier;

/** A fault-tolerance library under test: wraps the trivial action in a guard configured for a scenario. */
interface Contender {

    /**
     * The guarded call, built once and shared by every benchmark thread. Returning a {@link Supplier} puts
     * the same one interface call in front of every library, the baseline included.
     */
    Supplier<String> guard(Scenario scenario, Supplier<String> action);

    /** Releases threads or registrations the guard holds; most libraries hold none. */
    default void close() {
    }

    static Contender named(String library) {
        switch (library) {
            case "bulwark":
                return new BulwarkContender();
            case "smallrye":
                return new SmallRyeContender();
            case "resilience4j":
                return new Resilience4jContender();
            case "failsafe":
                return new FailsafeContender();
            default:
                throw new IllegalArgumentException("unknown library " + library);
        }
    }
}
