package dev.bulwark.impl.circuitbreaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * A directory of named circuit breakers that operators read and control: the process-wide one, one of its own
 * ({@link #isolated()}), or one deployment's own, which also registers its breakers in the process-wide one (so that
 * the static maintenance API still sees them).
 *
 * <p>One name is one breaker. An operation that {@link #claim claims} a name already held in the same directory gets
 * the breaker already there when it has the same settings (spec, clock and shared-store place), and fails naming both
 * holders and every setting that differs when it has not. A breaker leaves the directory when its last holder
 * {@link #unregister unregisters} it.
 *
 * <p>A deployment's breakers reach the process-wide directory by {@link #mirror}, which replaces whatever was there
 * under that name (a redeployed application, or a second deployment in the JVM, creates its breakers again and
 * operators must reach the new ones); a deployment's own directory keeps exactly its breakers, so two deployments in
 * one JVM never see each other's.
 */
public final class CircuitBreakerRegistry {

    private static final CircuitBreakerRegistry GLOBAL = new CircuitBreakerRegistry(null);

    /** One registered breaker: who registered it first, its shared-store place, how many operations hold it. */
    private record Entry(CircuitBreaker breaker, String owner, Object link, int holders) {

        Entry withHolders(int count) {
            return new Entry(breaker, owner, link, count);
        }
    }

    private final ConcurrentMap<String, Entry> byName = new ConcurrentHashMap<>();
    private final CircuitBreakerRegistry parent;

    private CircuitBreakerRegistry(CircuitBreakerRegistry parent) {
        this.parent = parent;
    }

    public static CircuitBreakerRegistry global() {
        return GLOBAL;
    }

    /**
     * A directory of its own that registers nowhere else: for an engine whose breakers the process's operators must
     * not see (one in virtual time, or embedded in a tool).
     */
    public static CircuitBreakerRegistry isolated() {
        return new CircuitBreakerRegistry(null);
    }

    /** A deployment's own directory, registering its breakers in the process-wide one too. */
    public static CircuitBreakerRegistry forDeployment() {
        return new CircuitBreakerRegistry(GLOBAL);
    }

    /**
     * Registers {@code candidate} under its name, or, if the name is taken, hands out the breaker that holds it, so
     * that every operation naming one breaker shares its state.
     *
     * @param owner the operation that asks (a guard's or a method's name), for the message of a conflict
     * @param link the breaker's place in a shared store, or null for a local breaker; compared with {@code equals}
     * @return {@code candidate}, or the breaker already registered under its name (then {@code candidate} is unused)
     * @throws IllegalStateException if the breaker registered under the name has other settings, naming the breaker,
     *     both owners and each setting that differs; the directory is then unchanged
     */
    public CircuitBreaker claim(CircuitBreaker candidate, String owner, Object link) {
        // compute() runs the check and the insert under the bin's lock: two racing claims of one name can never
        // both insert, and the loser sees the winner's breaker (or its settings in the message).
        Entry entry = byName.compute(candidate.name(), (name, held) -> {
            if (held == null) {
                return new Entry(candidate, owner, link, 1);
            }
            List<CircuitBreakerSpec.Difference> differences = differences(held, candidate, link);
            if (!differences.isEmpty()) {
                throw new IllegalStateException("circuit breaker \"" + name + "\" is already registered by \""
                        + held.owner + "\" with " + values(differences, false) + "; \"" + owner + "\" asks for "
                        + values(differences, true) + ". One name is one breaker: give both the same settings, or"
                        + " each its own name");
            }
            return held.withHolders(held.holders + 1);
        });
        if (parent != null) {
            parent.mirror(entry.breaker, owner, link);
        }
        return entry.breaker;
    }

    /**
     * Registers a deployment's {@code breaker} here, replacing any other breaker of its name: a redeployed
     * application's breakers take over their names.
     */
    private void mirror(CircuitBreaker breaker, String owner, Object link) {
        byName.compute(breaker.name(), (name, held) -> held != null && held.breaker == breaker
                ? held.withHolders(held.holders + 1) : new Entry(breaker, owner, link, 1));
    }

    /**
     * One holder of {@code breaker} lets it go; the last one removes it, if it is still the one registered.
     *
     * @return whether {@code breaker} has left this directory (no operation here holds it any more)
     */
    public boolean unregister(CircuitBreaker breaker) {
        byName.computeIfPresent(breaker.name(), (name, held) -> held.breaker != breaker ? held
                : held.holders > 1 ? held.withHolders(held.holders - 1) : null);
        if (parent != null) {
            parent.unregister(breaker);
        }
        return get(breaker.name()) != breaker;
    }

    public CircuitBreaker get(String name) {
        Entry entry = byName.get(name);
        return entry == null ? null : entry.breaker;
    }

    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }

    private static List<CircuitBreakerSpec.Difference> differences(Entry held, CircuitBreaker candidate,
            Object link) {
        List<CircuitBreakerSpec.Difference> found = new ArrayList<>(candidate.spec().differences(held.breaker.spec()));
        if (candidate.clock() != held.breaker.clock()) {
            // Another engine's clock: the breaker's delay and windows would run on one guard's time only.
            found.add(new CircuitBreakerSpec.Difference("clock", candidate.clock(), held.breaker.clock()));
        }
        if (!Objects.equals(link, held.link)) {
            found.add(new CircuitBreakerSpec.Difference("shared", link, held.link));
        }
        return found;
    }

    private static String values(List<CircuitBreakerSpec.Difference> differences, boolean mine) {
        return differences.stream().map(d -> d.setting() + "=" + (mine ? d.mine() : d.theirs()))
                .collect(Collectors.joining(", "));
    }
}
