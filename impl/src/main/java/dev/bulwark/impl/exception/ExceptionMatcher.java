package dev.bulwark.impl.exception;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one place where the spec's exception lists are interpreted: {@code retryOn}/{@code abortOn},
 * {@code failOn}/{@code skipOn} and {@code applyOn}/{@code skipOn} are all "included and not excluded",
 * where the exclusion wins and an exception matches a list when it is an instance of any class in it.
 * The answer depends only on the exception's class, so it is computed once per class and cached.
 */
public final class ExceptionMatcher implements Predicate<Throwable> {

    private static final List<Class<? extends Throwable>> NONE = List.of();

    private final List<Class<? extends Throwable>> included;
    private final List<Class<? extends Throwable>> excluded;
    private final ClassValue<Boolean> cache = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return !anyAssignable(excluded, type) && anyAssignable(included, type);
        }
    };

    private ExceptionMatcher(List<Class<? extends Throwable>> included, List<Class<? extends Throwable>> excluded) {
        this.included = List.copyOf(included);
        this.excluded = List.copyOf(excluded);
    }

    /** Matches an exception that is an instance of a class in {@code included} and of none in {@code excluded}. */
    public static ExceptionMatcher of(List<Class<? extends Throwable>> included,
            List<Class<? extends Throwable>> excluded) {
        return new ExceptionMatcher(included, excluded);
    }

    /** Same as {@link #of(List, List)}, for annotation values. */
    public static ExceptionMatcher of(Class<? extends Throwable>[] included, Class<? extends Throwable>[] excluded) {
        return new ExceptionMatcher(List.of(included), List.of(excluded));
    }

    /** Matches every throwable. */
    public static ExceptionMatcher all() {
        return new ExceptionMatcher(List.of(Throwable.class), NONE);
    }

    /** Matches every {@link Exception} but not an {@link Error}: the spec's default for {@code retryOn}. */
    public static ExceptionMatcher allExceptions() {
        return new ExceptionMatcher(List.of(Exception.class), NONE);
    }

    public boolean matches(Throwable failure) {
        return cache.get(failure.getClass());
    }

    @Override
    public boolean test(Throwable failure) {
        return matches(failure);
    }

    public List<Class<? extends Throwable>> included() {
        return included;
    }

    public List<Class<? extends Throwable>> excluded() {
        return excluded;
    }

    private static boolean anyAssignable(List<Class<? extends Throwable>> types, Class<?> type) {
        for (Class<?> t : types) {
            if (t.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Equal when both match the same exceptions by the same lists: the included classes and the excluded ones, each
     * as a set (their order and repeats do not change what matches).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ExceptionMatcher other && Set.copyOf(included).equals(Set.copyOf(other.included))
                && Set.copyOf(excluded).equals(Set.copyOf(other.excluded));
    }

    @Override
    public int hashCode() {
        return Set.copyOf(included).hashCode() * 31 + Set.copyOf(excluded).hashCode();
    }

    @Override
    public String toString() {
        return "ExceptionMatcher[included=" + included + ", excluded=" + excluded + "]";
    }
}
