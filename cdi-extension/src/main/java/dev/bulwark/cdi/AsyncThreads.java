package dev.bulwark.cdi;

import dev.bulwark.cdi.definition.ConfigLookup;
import dev.bulwark.impl.chain.Engine;
import jakarta.enterprise.inject.Instance;
import java.util.Locale;
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

    static final String KEY = "bulwark.async.virtual-threads";

    private final String value;

    AsyncThreads(String value) {
        this.value = value;
    }

    static AsyncThreads read(ConfigLookup config) {
        Optional<String> raw = config.get(KEY).map(v -> v.trim().toLowerCase(Locale.ROOT));
        String value = raw.orElse("false");
        for (AsyncThreads choice : values()) {
            if (choice.value.equals(value)) {
                return choice;
            }
        }
        throw new FaultToleranceDefinitionException("config key " + KEY + " must be true, false or always, was "
                + value);
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
