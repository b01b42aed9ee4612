package dev.bulwark.impl.async;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * The asynchronous types the engine follows, found by a method's return type: {@code CompletionStage},
 * {@code Future} and, when Mutiny is on the class path, {@code Uni} (named by string, so nothing of Mutiny loads
 * without it). Also the reactive types it has no adapter for, so that a method returning one fails deployment
 * instead of being guarded only while it builds its result.
 */
public final class AsyncTypes {

    /** {@code CompletionStage}. */
    public static final AsyncType<CompletionStage<Object>> STAGE = StageType.INSTANCE;

    /** {@code Future}: passed on, not followed. */
    public static final AsyncType<Future<Object>> FUTURE = FutureType.INSTANCE;

    /**
     * Types whose outcome comes after the method returned and that no adapter follows: guarding only the method's
     * return would guard nothing. Matched by name on the return type and its supertypes.
     */
    private static final List<String> UNSUPPORTED = List.of(
            "io.smallrye.mutiny.Multi", "java.util.concurrent.Flow$Publisher", "org.reactivestreams.Publisher",
            "reactor.core.publisher.Mono", "reactor.core.publisher.Flux",
            "io.reactivex.rxjava3.core.Single", "io.reactivex.rxjava3.core.Maybe",
            "io.reactivex.rxjava3.core.Completable", "io.reactivex.rxjava3.core.Observable",
            "io.reactivex.rxjava3.core.Flowable", "io.reactivex.Single", "io.reactivex.Maybe",
            "io.reactivex.Completable", "io.reactivex.Observable", "io.reactivex.Flowable",
            "io.vertx.core.Future", "kotlinx.coroutines.Deferred", "kotlinx.coroutines.flow.Flow");

    private static final AsyncType<?> UNI = present(UniType.UNI) ? load("dev.bulwark.impl.async.UniType") : null;

    private AsyncTypes() {
    }

    /** The type that follows what a method of {@code returnType} returns, or null if it is not asynchronous. */
    public static AsyncType<?> of(Class<?> returnType) {
        if (returnType == CompletionStage.class) {
            return STAGE;
        }
        if (returnType == Future.class) {
            return FUTURE;
        }
        if (UNI != null && isUni(returnType)) {
            return UNI;
        }
        return null;
    }

    /** Mutiny's {@code Uni}; fails when Mutiny is not on the class path. */
    @SuppressWarnings("unchecked")
    public static <U> AsyncType<U> uni() {
        if (UNI == null) {
            throw new IllegalStateException("Mutiny (io.smallrye.reactive:mutiny) is not on the class path");
        }
        return (AsyncType<U>) UNI;
    }

    /** Whether {@code returnType} is Mutiny's {@code Uni} (with or without Mutiny present to adapt it). */
    public static boolean isUni(Class<?> returnType) {
        return returnType.getName().equals(UniType.UNI);
    }

    /**
     * The asynchronous or reactive type without an adapter that {@code returnType} is or extends (its name), if any.
     */
    public static Optional<String> unsupported(Class<?> returnType) {
        if (of(returnType) != null) {
            return Optional.empty();
        }
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(returnType);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (UNSUPPORTED.contains(c.getName())) {
                return Optional.of(c.getName());
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return Optional.empty();
    }

    /** The return types a guarded asynchronous method may have here, for messages. */
    public static String supported() {
        return CompletionStage.class.getName() + ", " + Future.class.getName()
                + (UNI != null ? ", " + UniType.UNI : " (and io.smallrye.mutiny.Uni with Mutiny on the class path)");
    }

    static boolean present(String className) {
        try {
            Class.forName(className, false, AsyncTypes.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    private static AsyncType<?> load(String className) {
        try {
            return (AsyncType<?>) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Bulwark: cannot load " + className, e);
        }
    }
}
