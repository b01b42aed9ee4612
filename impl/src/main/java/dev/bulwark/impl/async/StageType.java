package dev.bulwark.impl.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** {@code CompletionStage}: the method's stage is followed as it is; the caller gets the guarded call's future. */
final class StageType implements AsyncType<CompletionStage<Object>> {

    static final StageType INSTANCE = new StageType();

    private StageType() {
    }

    @Override
    public String name() {
        return CompletionStage.class.getName();
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<Object> toStage(Object returned) {
        if (returned instanceof CompletionStage<?> stage) {
            return (CompletionStage<Object>) stage;
        }
        if (returned == null) {
            throw new NullPointerException("an asynchronous method (or its fallback) returned null instead of a "
                    + "CompletionStage");
        }
        throw new ClassCastException("expected a CompletionStage, was " + returned.getClass().getName());
    }

    @Override
    public CompletionStage<Object> fromStage(Supplier<CompletableFuture<Object>> call) {
        return call.get();
    }
}
