package dev.bulwark.cdi.definition;

import static dev.bulwark.cdi.definition.AnnotationParameters.nanos;

import dev.bulwark.api.AlwaysOnException;
import dev.bulwark.api.Backoff;
import dev.bulwark.api.BeforeRetry;
import dev.bulwark.api.BeforeRetryHandler;
import dev.bulwark.api.CustomBackoff;
import dev.bulwark.api.CustomBackoffStrategy;
import dev.bulwark.api.ExponentialBackoff;
import dev.bulwark.api.FibonacciBackoff;
import dev.bulwark.api.NeverOnResult;
import dev.bulwark.api.RetryWhen;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.retry.Backoffs;
import dev.bulwark.impl.retry.RetrySpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import dev.bulwark.api.RetryBudget;
import dev.bulwark.impl.retry.TokenRetryBudget;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Reads a method's {@code @Retry} and the annotations that refine it: one backoff ({@code @ExponentialBackoff},
 * {@code @FibonacciBackoff} or {@code @CustomBackoff}), {@code @RetryWhen} and {@code @BeforeRetry}. A refinement
 * without a {@code @Retry} on the method or its class is a problem, whether or not that retry is enabled.
 */
final class RetryReader implements StrategyReader {

    /** The refinements of {@code @Retry}, in the order their problems are reported. */
    static final List<Class<? extends Annotation>> OF_RETRY = List.of(ExponentialBackoff.class,
            FibonacciBackoff.class, CustomBackoff.class, RetryWhen.class, BeforeRetry.class, RetryBudget.class);

    private final DefinitionReader.Lookup lookup;

    RetryReader(DefinitionReader.Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void read(MethodDefinition.Builder definition) {
        RetryDefinition retry = read(definition.beanClass(), definition.method());
        if (retry != null) {
            definition.retry(retry).inForce(Retry.class);
        }
    }

    /** The retry in force on the method, or null if none is (or it is invalid: then problems say why). */
    RetryDefinition read(Class<?> beanClass, Method method) {
        boolean declared = lookup.declared(Retry.class, beanClass, method) != null;
        List<AnnotationParameters> refinements = new ArrayList<>();
        for (Class<? extends Annotation> type : OF_RETRY) {
            AnnotationParameters p = lookup.find(type, beanClass, method);
            if (p != null && !declared) {
                lookup.problems().add(p.where() + ": @" + p.annotationName() + " needs @Retry on the method or its"
                        + " class");
            }
            refinements.add(p);
        }
        AnnotationParameters retry = lookup.find(Retry.class, beanClass, method);
        if (retry == null) {
            return null;
        }
        AnnotationParameters exponential = refinements.get(0);
        AnnotationParameters fibonacci = refinements.get(1);
        AnnotationParameters custom = refinements.get(2);
        AnnotationParameters when = refinements.get(3);
        AnnotationParameters before = refinements.get(4);
        AnnotationParameters budgetParameters = refinements.get(5);
        boolean valid = oneBackoff(retry, exponential, fibonacci, custom);

        RetrySpec spec = base(retry);
        valid &= spec != null;
        // Read even when the retry is invalid, so that every problem is reported at once.
        Backoff backoff = exponential != null ? exponential(exponential)
                : fibonacci != null ? fibonacci(fibonacci) : null;
        valid &= backoff != null || exponential == null && fibonacci == null;
        Class<?> strategy = custom == null ? null : custom.classValue("value");
        valid &= strategy == null || Instantiable.check(custom, "value", strategy, CustomBackoffStrategy.class);
        Class<?> resultPredicate = null;
        Class<?> exceptionPredicate = null;
        if (when != null) {
            resultPredicate = unlessDefault(when.classValue("result"), NeverOnResult.class);
            exceptionPredicate = unlessDefault(when.classValue("exception"), AlwaysOnException.class);
            valid &= resultPredicate == null || Instantiable.check(when, "result", resultPredicate, Predicate.class);
            valid &= exceptionPredicate == null
                    || Instantiable.check(when, "exception", exceptionPredicate, Predicate.class);
            valid &= exceptionPredicateAlone(when, exceptionPredicate, retry);
        }
        Class<?> beforeHandler = null;
        Method beforeMethod = null;
        if (before != null) {
            HandlerOrMethod choice = HandlerOrMethod.read(before, "methodName", BeforeRetry.DEFAULT.class,
                    "BeforeRetryHandler");
            valid &= choice != null;
            if (choice != null && choice.handler() != null) {
                beforeHandler = choice.handler();
                valid &= Instantiable.check(before, "value", beforeHandler, BeforeRetryHandler.class);
            } else if (choice != null) {
                beforeMethod = noArgumentMethod(beanClass, choice.methodName());
                if (beforeMethod == null) {
                    before.invalid("methodName", choice.methodName(), "must name a method of " + beanClass.getName()
                            + " (or a superclass) with no parameters that returns void");
                    valid = false;
                }
            }
        }
        RetryBudgetDefinition budget = budgetParameters == null ? null : budget(budgetParameters);
        valid &= budget != null || budgetParameters == null;
        if (!valid) {
            return null;
        }
        return new RetryDefinition(backoff == null ? spec : spec.withBackoff(backoff, true), strategy, resultPredicate,
                exceptionPredicate, beforeHandler, beforeMethod, budget);
    }

    private static RetryBudgetDefinition budget(AnnotationParameters p) {
        String name = p.stringValue("value");
        double ratio = p.doubleValue("ratio");
        int minPerSecond = p.intValue("minPerSecond");
        long ttl = p.longValue("ttl");
        java.time.temporal.ChronoUnit unit = p.unit("ttlUnit");
        long ttlNanos = AnnotationParameters.nanos(ttl, unit);
        return p.spec(() -> {
            TokenRetryBudget.validate(ratio, minPerSecond, ttlNanos);
            return new RetryBudgetDefinition(name == null || name.isBlank() ? null : name.trim(), ratio, minPerSecond,
                    ttlNanos);
        });
    }

    private boolean oneBackoff(AnnotationParameters retry, AnnotationParameters... backoffs) {
        List<String> present = new ArrayList<>();
        for (AnnotationParameters b : backoffs) {
            if (b != null) {
                present.add("@" + b.annotationName());
            }
        }
        if (present.size() > 1) {
            lookup.problems().add(retry.where() + ": at most one backoff annotation may apply to a @Retry, found "
                    + String.join(" and ", present));
            return false;
        }
        return true;
    }

    /** The spec's own {@code @Retry} parameters. */
    private static RetrySpec base(AnnotationParameters p) {
        int maxRetries = p.intValue("maxRetries");
        long delay = p.longValue("delay");
        long maxDuration = p.longValue("maxDuration");
        long jitter = p.longValue("jitter");
        long delayNanos = nanos(delay, p.unit("delayUnit"));
        long maxDurationNanos = nanos(maxDuration, p.unit("durationUnit"));
        long jitterNanos = nanos(jitter, p.unit("jitterDelayUnit"));
        ExceptionMatcher retryOn = ExceptionMatcher.of(p.throwables("retryOn"), p.throwables("abortOn"));
        return p.spec(() -> RetrySpec.of(maxRetries, delayNanos, maxDurationNanos, jitterNanos, retryOn));
    }

    private static Backoff exponential(AnnotationParameters p) {
        int factor = p.intValue("factor");
        long maxNanos = maxDelay(p);
        return p.spec(() -> Backoffs.exponential(factor, maxNanos));
    }

    private static Backoff fibonacci(AnnotationParameters p) {
        long maxNanos = maxDelay(p);
        return p.spec(() -> Backoffs.fibonacci(maxNanos));
    }

    /** An annotation's maxDelay in nanoseconds: 0 means no cap; a negative one stays negative for the check. */
    private static long maxDelay(AnnotationParameters p) {
        long maxDelay = p.longValue("maxDelay");
        return maxDelay == 0 ? Long.MAX_VALUE : nanos(maxDelay, p.unit("maxDelayUnit"));
    }

    /** Whether {@code @RetryWhen.exception} is absent or stands alone: it replaces retryOn and abortOn. */
    private static boolean exceptionPredicateAlone(AnnotationParameters when, Class<?> exception,
            AnnotationParameters retry) {
        List<Class<? extends Throwable>> retryOn = retry.throwables("retryOn");
        List<Class<? extends Throwable>> abortOn = retry.throwables("abortOn");
        if (exception == null || retryOn.equals(List.of(Exception.class)) && abortOn.isEmpty()) {
            return true;
        }
        when.invalid("exception", exception.getName(), "replaces @Retry retryOn and abortOn, so it cannot be set with"
                + " them (retryOn " + names(retryOn) + ", abortOn " + names(abortOn) + ")");
        return false;
    }

    /** {@code type}, or null when it is the member's "none" default. */
    private static Class<?> unlessDefault(Class<?> type, Class<?> byDefault) {
        return type == byDefault ? null : type;
    }

    private static List<String> names(List<Class<? extends Throwable>> types) {
        return types.stream().map(Class::getName).toList();
    }

    private static Method noArgumentMethod(Class<?> beanClass, String name) {
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0 && m.getReturnType() == void.class
                        && !Modifier.isStatic(m.getModifiers())) {
                    return m;
                }
            }
        }
        return null;
    }
}
