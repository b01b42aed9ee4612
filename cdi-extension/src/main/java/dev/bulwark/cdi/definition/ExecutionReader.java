package dev.bulwark.cdi.definition;

import dev.bulwark.api.AsynchronousNonBlocking;
import dev.bulwark.impl.async.AsyncType;
import dev.bulwark.impl.async.AsyncTypes;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;

/**
 * Reads how a guarded method runs ({@link Execution}) from its return type, {@code @Asynchronous} and
 * {@code @AsynchronousNonBlocking}, and reports the return types a fault-tolerance annotation would silently not
 * guard: a reactive type without an adapter ({@code Multi}, {@code Publisher}, Reactor, RxJava, ...), whose outcome
 * comes after the method returned, fails deployment.
 */
final class ExecutionReader {

    private static final Logger LOG = Logger.getLogger(ExecutionReader.class.getName());

    private final DefinitionReader.Lookup lookup;

    ExecutionReader(DefinitionReader.Lookup lookup) {
        this.lookup = lookup;
    }

    /** Whether {@code method} is a Kotlin suspend function (its last parameter is the coroutine's continuation). */
    private static boolean suspending(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        return parameters.length > 0
                && parameters[parameters.length - 1].getName().equals("kotlin.coroutines.Continuation");
    }

    /**
     * @param strategies whether any strategy (retry, breaker, ...) applies to the method
     */
    Execution read(Class<?> beanClass, Method method, boolean strategies) {
        Problems problems = lookup.problems();
        String where = ClassNames.of(beanClass) + "." + method.getName() + "()";
        Class<?> returnType = method.getReturnType();
        boolean offload = lookup.find(Asynchronous.class, beanClass, method) != null;
        boolean nonBlocking = lookup.find(AsynchronousNonBlocking.class, beanClass, method) != null;
        if (offload && nonBlocking) {
            // The one written on the method beats the other's on the class; on one level, they contradict each other.
            boolean offloadHere = method.isAnnotationPresent(Asynchronous.class);
            boolean nonBlockingHere = method.isAnnotationPresent(AsynchronousNonBlocking.class);
            if (offloadHere == nonBlockingHere) {
                problems.add(where + ": @Asynchronous and @AsynchronousNonBlocking cannot both apply"
                        + (offloadHere ? " to one method" : " (both are on its class)")
                        + ": one offloads each attempt to another thread, the other keeps it on the caller's");
                return Execution.SYNCHRONOUS;
            }
            offload = offloadHere;
            nonBlocking = nonBlockingHere;
        }
        if ((strategies || offload || nonBlocking) && suspending(method)) {
            problems.add(where + ": is a Kotlin suspend function, whose outcome comes through its Continuation after the "
                    + "method returned, which Bulwark cannot follow: the fault-tolerance annotations would guard nothing."
                    + " Return one of " + AsyncTypes.supported() + " instead");
            return Execution.SYNCHRONOUS;
        }
        AsyncType<?> type = AsyncTypes.of(returnType);
        Optional<String> unguardable = AsyncTypes.unsupported(returnType);
        if (unguardable.isPresent() && (strategies || offload || nonBlocking)) {
            problems.add(where + ": returns " + returnType.getName()
                    + (unguardable.get().equals(returnType.getName()) ? "" : " (a " + unguardable.get() + ")")
                    + ", whose outcome comes after the method returned, which Bulwark cannot follow: the "
                    + "fault-tolerance annotations would guard nothing. Guarded methods return a plain value or one of "
                    + AsyncTypes.supported());
            return Execution.SYNCHRONOUS;
        }
        if (offload) {
            if (type == null) {
                problems.add(where + ": @Asynchronous methods must return " + AsyncTypes.supported() + ", was "
                        + returnType.getName());
                return Execution.SYNCHRONOUS;
            }
            return Execution.OFFLOADED;
        }
        if (nonBlocking) {
            if (type == null || type == AsyncTypes.FUTURE) {
                problems.add(where + ": @AsynchronousNonBlocking methods must return " + CompletionStage.class.getName()
                        + " or io.smallrye.mutiny.Uni (a Future's outcome can only be waited for), was "
                        + returnType.getName());
                return Execution.SYNCHRONOUS;
            }
            return Execution.NON_BLOCKING;
        }
        if (type != null && type.lazy()) {
            return Execution.NON_BLOCKING;
        }
        if (type == AsyncTypes.STAGE && (strategies || offload) && ClassNames.isRestClient(beanClass)) {
            // A REST client's stage method never fails while it returns: only its stage's outcome can be guarded.
            return Execution.NON_BLOCKING;
        }
        if (strategies && CompletionStage.class.isAssignableFrom(returnType)) {
            // MP FT's rule (a method without @Asynchronous is synchronous), but rarely what its author meant.
            LOG.warning("Bulwark: " + where + " returns a CompletionStage without @Asynchronous: as MP Fault Tolerance"
                    + " says, only the call that creates the stage is guarded, not the stage's outcome. Add "
                    + "@AsynchronousNonBlocking (or @Asynchronous) to guard the outcome.");
        }
        return Execution.SYNCHRONOUS;
    }
}
