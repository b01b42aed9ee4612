package dev.bulwark.impl.guard;

import dev.bulwark.api.UniGuard;
import dev.bulwark.impl.async.AsyncType;
import dev.bulwark.impl.async.AsyncTypes;
import dev.bulwark.impl.chain.Operation;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** A {@link UniGuard} over one non-blocking operation, through the engine's one asynchronous driver. */
final class UniGuardImpl<T> implements UniGuard<T> {

    private final Operation operation;
    private final AsyncType<Uni<T>> uni = AsyncTypes.uni();

    UniGuardImpl(Operation operation) {
        this.operation = operation;
    }

    @Override
    public Uni<T> call(Supplier<? extends Uni<T>> action) {
        return operation.callAs(uni, () -> operation.started(uni, action.get()), null);
    }
}
