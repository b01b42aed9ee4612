package dev.bulwark.impl.guard;

import dev.bulwark.api.Guard;
import dev.bulwark.impl.chain.Invoker;
import dev.bulwark.impl.chain.Operation;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** A {@link Guard} over one synchronous operation. */
final class SyncGuard<T> implements Guard<T> {

    private final Operation operation;

    SyncGuard(Operation operation) {
        this.operation = operation;
    }

    @SuppressWarnings("unchecked")
    @Override
    public T call(Callable<? extends T> action) throws Exception {
        return (T) operation.call(action, null);
    }

    @SuppressWarnings("unchecked")
    @Override
    public T get(Supplier<? extends T> action) {
        try {
            return (T) operation.call(Invoker.SUPPLIER, action, null);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Only a fallback can throw a checked exception here; surface it without losing it.
            throw new java.lang.reflect.UndeclaredThrowableException(e);
        }
    }

    /** The operation behind the guard, for metrics and tests. */
    Operation operation() {
        return operation;
    }
}
