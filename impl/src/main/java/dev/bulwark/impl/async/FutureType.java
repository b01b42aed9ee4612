package dev.bulwark.impl.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code Future} (MP FT's other {@code @Asynchronous} type): the method's outcome is what it does itself, returns
 * or throws; the Future it returns is only passed on to the caller, never watched (MP FT 4.1, 5.2.1).
 */
final class FutureType implements AsyncType<Future<Object>> {

    static final FutureType INSTANCE = new FutureType();

    private FutureType() {
    }

    @Override
    public String name() {
        return Future.class.getName();
    }

    @Override
    public CompletionStage<Object> toStage(Object returned) {
        if (returned == null) {
            throw new NullPointerException("an asynchronous method (or its fallback) returned null instead of a Future");
        }
        return CompletableFuture.completedFuture(returned);
    }

    @Override
    public Future<Object> fromStage(Supplier<CompletableFuture<Object>> call) {
        return new PassedOnFuture(call.get());
    }
}
