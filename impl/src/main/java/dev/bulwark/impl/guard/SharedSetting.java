package dev.bulwark.impl.guard;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.api.SharedStore;
import dev.bulwark.impl.shared.SharedName;

/** What {@code shared(...)} on a rate limit's or circuit breaker's options said: a name, perhaps with its store. */
final class SharedSetting {

    private SharedStore store;
    private String name;

    void set(SharedStore store, String name) {
        this.store = store;
        this.name = notNull(name, "name");
    }

    /**
     * Where to share, with {@code guardStore} (the guard builder's) when the options named none; null if not shared.
     *
     * @param what {@code rateLimit} or {@code circuitBreaker}, for the message
     */
    SharedName resolve(SharedStore guardStore, String what) {
        if (name == null) {
            return null;
        }
        SharedStore chosen = store != null ? store : guardStore;
        if (chosen == null) {
            throw new IllegalArgumentException(what + ".shared(\"" + name + "\") needs a store: pass one to shared(store, "
                    + "name) or to withSharedStore(store)");
        }
        return SharedName.of(chosen, name);
    }
}
