package dev.bulwark.redis;

import dev.bulwark.api.CircuitState;
import dev.bulwark.impl.circuitbreaker.CircuitBreaker;
import dev.bulwark.impl.circuitbreaker.BreakerLink;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The circuit breakers a store keeps in step: each change a replica's breaker makes (an opening, a trial that
 * closed it, an operator's force or reset) is written to the breaker's state in the store and published on one
 * channel; every other replica applies what it hears to its breakers of that name. A breaker that joins (or a store
 * that comes back) reads the state first, so it opens for what is left of a delay that began elsewhere.
 */
final class SharedBreakers extends RedisPubSubAdapter<String, String> {

    private static final Script PUBLISH = Script.of(Scripts.PUBLISH);
    private static final Script READ = Script.of(Scripts.READ);
    private static final Script LEASE = Script.of(Scripts.LEASE);
    private static final String RESET = "RESET";
    /** How long a replica that was refused the trial lease waits before asking again. */
    private static final long LEASE_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FORCED_TTL_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final RedisStore store;
    private final Map<String, List<Linked>> byName = new ConcurrentHashMap<>();

    SharedBreakers(RedisStore store) {
        this.store = store;
    }

    String channel() {
        return store.key("breakers");
    }

    void link(String name, CircuitBreaker breaker) {
        Linked linked = new Linked(name, breaker);
        byName.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(linked);
        breaker.link(linked);
        linked.resync();
    }

    void unlink(String name, CircuitBreaker breaker) {
        List<Linked> linked = byName.get(name);
        if (linked != null) {
            linked.removeIf(l -> l.breaker == breaker);
        }
        breaker.link(null);
    }

    void unlinkAll() {
        byName.values().forEach(list -> list.forEach(l -> l.breaker.link(null)));
        byName.clear();
    }

    void resyncAll() {
        byName.values().forEach(list -> list.forEach(Linked::resync));
    }

    @Override
    public void message(String channel, String message) {
        String[] parts = message.split("\n", 3);
        if (parts.length != 3 || parts[2].equals(store.replica())) {
            return; // not ours to read, or our own change, already applied here
        }
        List<Linked> linked = byName.get(parts[0]);
        if (linked != null) {
            for (Linked l : linked) {
                apply(l.breaker, parts[1], 0);
            }
        }
    }

    /** Applies a change heard from another replica (or read from the store) to {@code breaker}. */
    private static void apply(CircuitBreaker breaker, String state, long elapsedNanos) {
        switch (state) {
            case "OPEN":
                breaker.sharedOpened(elapsedNanos);
                break;
            case "CLOSED":
                breaker.sharedClosed();
                break;
            case RESET:
                breaker.sharedForced(CircuitState.CLOSED);
                break;
            case "FORCED_OPEN":
                breaker.sharedForced(CircuitState.FORCED_OPEN);
                break;
            case "FORCED_CLOSED":
                breaker.sharedForced(CircuitState.FORCED_CLOSED);
                break;
            default:
                break;
        }
    }

    /** One local breaker's place among the replicas'. */
    private final class Linked implements BreakerLink {
        final String name;
        final CircuitBreaker breaker;
        final String[] keys;
        final long delayMillis;
        private volatile long leaseRefusedUntil;

        Linked(String name, CircuitBreaker breaker) {
            this.name = name;
            this.breaker = breaker;
            String state = store.key("cb", name);
            this.keys = new String[] {state, state + ":trial"};
            this.delayMillis = TimeUnit.NANOSECONDS.toMillis(breaker.spec().delayNanos());
        }

        @Override
        public void opened() {
            publish("OPEN", delayMillis + 60_000);
        }

        @Override
        public void closed() {
            publish("CLOSED", 1);
        }

        @Override
        public void forced(CircuitState state) {
            publish(state == CircuitState.CLOSED ? RESET : state.name(), FORCED_TTL_MILLIS);
        }

        private void publish(String state, long ttlMillis) {
            // Breakers of the same name in this replica hear it at once; the others through the store.
            for (Linked sibling : byName.getOrDefault(name, List.of())) {
                if (sibling != this) {
                    apply(sibling.breaker, state, 0);
                }
            }
            if (!store.shouldTry()) {
                return;
            }
            long sent = store.health().now();
            try {
                store.<Long>evalAsync(PUBLISH, ScriptOutputType.INTEGER, keys, state, store.replica(),
                        Long.toString(ttlMillis), channel(), name)
                        .whenComplete((ok, failure) -> {
                            if (failure != null) {
                                store.health().failed(failure);
                            } else {
                                store.health().succeeded(sent);
                            }
                        });
            } catch (RuntimeException unavailable) {
                store.health().failed(unavailable);
            }
        }

        @Override
        public boolean tryTrialLease() {
            long now = System.nanoTime();
            if (now - leaseRefusedUntil < 0) {
                return false;
            }
            if (!store.shouldTry()) {
                return store.onFailure() != OnFailure.REJECT;
            }
            long sent = store.health().now();
            try {
                // Long enough for the trial calls; short enough that a replica that died holding it is replaced.
                long ttl = Math.max(delayMillis, 5_000);
                boolean held = store.evalInteger(LEASE, new String[] {keys[1]}, store.replica(), Long.toString(ttl))
                        == 1;
                store.health().succeeded(sent);
                if (!held) {
                    leaseRefusedUntil = now + LEASE_RETRY_NANOS;
                }
                return held;
            } catch (RuntimeException unavailable) {
                store.health().failed(unavailable);
                return store.onFailure() != OnFailure.REJECT;
            }
        }

        /** Reads the shared state and applies it: an OPEN of elsewhere, with the time it has been open. */
        void resync() {
            if (!store.shouldTry()) {
                return;
            }
            try {
                store.<List<Object>>evalAsync(READ, ScriptOutputType.MULTI, new String[] {keys[0]})
                        .whenComplete((state, failure) -> {
                            if (failure != null) {
                                store.health().failed(failure);
                            } else if (state != null && state.size() == 2) {
                                long elapsedMicros = Long.parseLong(String.valueOf(state.get(1)));
                                apply(breaker, String.valueOf(state.get(0)), elapsedMicros * 1000);
                            }
                        });
            } catch (RuntimeException unavailable) {
                store.health().failed(unavailable);
            }
        }
    }
}
