package dev.bulwark.impl.chain;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * How a synchronous operation runs its action on a target: a shared, stateless strategy instead of an
 * adapter object created per call (a {@code Supplier} wrapped as a {@code Callable}, an interceptor's
 * {@code proceed}), so a guarded call allocates nothing even where the JIT does not inline the whole chain.
 */
@FunctionalInterface
public interface Invoker {

    Object invoke(Object target) throws Exception;

    /** The target is a {@link Callable}. */
    Invoker CALLABLE = target -> ((Callable<?>) target).call();

    /** The target is a {@link Supplier}. */
    Invoker SUPPLIER = target -> ((Supplier<?>) target).get();
}
