package dev.bulwark.impl.guard;

import dev.bulwark.api.AsyncGuard;
import dev.bulwark.impl.chain.Operation;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** An {@link AsyncGuard} over one asynchronous operation. */
final class AsyncGuardImpl<T> implements AsyncGuard<T> {

    private final Operation operation;

    AsyncGuardImpl(Operation operation) {
        this.operation = operation;
    }

    @Override
    public CompletionStage<T> call(Supplier<? extends CompletionStage<T>> action) {
        return operation.callAsync(action::get, null);
    }
}
