package dev.bulwark.cdi;

import dev.bulwark.cdi.optional.OptionalApi;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The container's managed executor, when the application has one as a bean: MicroProfile Context
 * Propagation's {@code ManagedExecutor} (Quarkus, Helidon) or Jakarta Concurrency's
 * {@code ManagedExecutorService}. Asynchronous attempts then run where the container manages threads and
 * contexts; without one, the engine's own bounded pool is used and shut down with the container.
 */
final class ContainerExecutor {

    private static final String[] TYPES = {
        "org.eclipse.microprofile.context.ManagedExecutor",
        "jakarta.enterprise.concurrent.ManagedExecutorService"};

    private ContainerExecutor() {
    }

    static Optional<Executor> find(Instance<Object> beans) {
        for (String name : TYPES) {
            Optional<Class<?>> type = OptionalApi.find(name);
            if (type.isEmpty()) {
                continue;
            }
            Instance<?> executor = beans.select(type.get());
            if (executor.isResolvable()) {
                return Optional.of((Executor) executor.get());
            }
        }
        return Optional.empty();
    }
}
