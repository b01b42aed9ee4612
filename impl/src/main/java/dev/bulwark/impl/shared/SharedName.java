package dev.bulwark.impl.shared;

import static dev.bulwark.impl.Preconditions.check;
import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.SharedStore;

/** A rate limit's or circuit breaker's place in a shared store: the store and the name under which replicas meet. */
public record SharedName(SharedState store, String name) {

    public SharedName {
        notNull(store, "store");
        notNull(name, "name");
        check(!name.isBlank(), "the shared name must not be blank");
    }

    /** {@code store} as the engine's SPI; a store of another kind is a clear error. */
    public static SharedName of(SharedStore store, String name) {
        notNull(store, "store");
        if (!(store instanceof SharedState state)) {
            throw new IllegalArgumentException("not a store this engine can share state through: "
                    + store.getClass().getName());
        }
        return new SharedName(state, name);
    }
}
