package dev.bulwark.impl.shared;

/**
 * Opens the store {@code @Shared} rate limits and breakers use, from the settings the deployment read. Found through
 * {@link java.util.ServiceLoader} (service file {@code META-INF/services/dev.bulwark.impl.shared.SharedStoreFactory}):
 * the {@code bulwark-redis} module provides one. It lives in the engine, not in {@code bulwark-cdi}, so that a store
 * module needs only the engine, and a user of its programmatic API gets no CDI extension on the class path.
 */
public interface SharedStoreFactory {

    /**
     * @param options the store's settings, read and validated with the deployment's definition
     * @throws org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException for a value the
     *         store refuses (a URL it cannot parse, a certificate file it cannot read), naming its key
     */
    SharedState open(SharedStoreOptions options);
}
