package dev.bulwark.cdi.shared;

import dev.bulwark.cdi.definition.DefinitionReader;
import dev.bulwark.cdi.definition.SharedStoreSettings;
import dev.bulwark.impl.shared.SharedState;
import dev.bulwark.impl.shared.SharedStoreFactory;
import java.util.Iterator;
import java.util.ServiceLoader;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * Opens the deployment's shared store, when a {@code @Shared} method needs one, through the engine's
 * {@link SharedStoreFactory} SPI ({@code META-INF/services/dev.bulwark.impl.shared.SharedStoreFactory}).
 */
public final class SharedStores {

    private SharedStores() {
    }

    /** @param usedBy a method that needs it, for the message when no store module is on the class path */
    public static SharedState open(SharedStoreSettings settings, String usedBy) {
        Iterator<SharedStoreFactory> factories = ServiceLoader.load(SharedStoreFactory.class,
                SharedStores.class.getClassLoader()).iterator();
        if (!factories.hasNext()) {
            throw new FaultToleranceDefinitionException(usedBy + ": @Shared with " + DefinitionReader.REDIS_URL
                    + " set needs the module dev.bulwark:bulwark-redis on the class path");
        }
        return factories.next().open(settings.options());
    }
}
