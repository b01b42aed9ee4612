package dev.bulwark.api;

import dev.bulwark.api.spi.GuardProvider;
import java.util.ServiceLoader;

/** Finds the {@link GuardProvider} once. */
final class GuardProviders {

    private GuardProviders() {
    }

    static GuardProvider get() {
        return Holder.PROVIDER;
    }

    private static final class Holder {
        static final GuardProvider PROVIDER = ServiceLoader.load(GuardProvider.class, GuardProvider.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No Bulwark engine found: add dev.bulwark:bulwark-impl to the class path"));
    }
}
