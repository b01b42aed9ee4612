package dev.bulwark.impl.chain;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Virtual threads without compiling against Java 21: the library targets Java 17, so the JDK 21 factory is found
 * at run time.
 */
final class VirtualThreads {

    private static final MethodHandle NEW_EXECUTOR = find();

    private VirtualThreads() {
    }

    private static MethodHandle find() {
        try {
            return MethodHandles.publicLookup().findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class));
        } catch (ReflectiveOperationException olderJdk) {
            return null;
        }
    }

    static boolean available() {
        return NEW_EXECUTOR != null;
    }

    /** An executor that starts a new virtual thread per task. */
    static ExecutorService newExecutor() {
        try {
            return (ExecutorService) NEW_EXECUTOR.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("could not create a virtual-thread executor", e);
        }
    }
}
