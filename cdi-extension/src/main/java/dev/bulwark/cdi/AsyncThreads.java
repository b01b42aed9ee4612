package dev.bulwark.cdi;

import dev.bulwark.cdi.definition.DeploymentSettings;
import dev.bulwark.impl.chain.Engine;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * Where asynchronous attempts run, per {@code bulwark.async.virtual-threads}: {@code false} (the default: the
 * container's managed executor if it has one, else Bulwark's bounded pool, on every JDK alike), {@code true} (the
 * container's managed executor if it has one, else a virtual thread per attempt) or {@code always} (virtual threads
 * even where the container has a managed executor). Bulkheads cap the concurrency in every case.
 */
enum AsyncThreads {
    POOL("false"), VIRTUAL("true"), ALWAYS_VIRTUAL("always");

    static final String KEY = DeploymentSettings.VIRTUAL_THREADS;

    private final String value;

    AsyncThreads(String value) {
        this.value = value;
    }

    /** The choice {@code settings} name, validated when they were read. */
    static AsyncThreads of(DeploymentSettings settings) {
        for (AsyncThreads choice : values()) {
            if (choice.value.equals(settings.virtualThreads())) {
                return choice;
            }
        }
        throw new IllegalArgumentException(settings.virtualThreads());
    }

    /** Gives {@code engine} the executor this choice and the container make. */
    void apply(Engine.Builder engine, Instance<Object> beans) {
        Optional<Executor> container = this == ALWAYS_VIRTUAL ? Optional.empty() : ContainerExecutor.find(beans);
        if (container.isPresent()) {
            engine.executor(container.get());
        } else if (this != POOL) {
            try {
                engine.virtualThreads(true);
            } catch (UnsupportedOperationException e) {
                throw new FaultToleranceDefinitionException("config key " + KEY + "=" + value + ": " + e.getMessage(),
                        e);
            }
        }
    }
}
